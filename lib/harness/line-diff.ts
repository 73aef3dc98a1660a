// A line diff small enough for task md files: longest common subsequence over lines. Law: the kept
// lines are a subsequence of both inputs, every other line of `a` is reported removed and every other
// line of `b` added. Inputs over the size cap are compared as multisets instead (still no deletion
// goes unreported, but moved lines are not detected).

export interface LineDiff {
  readonly removed: readonly string[];
  readonly added: readonly string[];
}

const CAP = 4_000_000;

const multisetDiff = (a: readonly string[], b: readonly string[]): LineDiff => {
  const count = new Map<string, number>();
  for (const l of b) count.set(l, (count.get(l) ?? 0) + 1);
  const removed: string[] = [];
  for (const l of a) {
    const n = count.get(l) ?? 0;
    if (n > 0) count.set(l, n - 1);
    else removed.push(l);
  }
  const left = new Map<string, number>();
  for (const l of a) left.set(l, (left.get(l) ?? 0) + 1);
  const added = b.filter((l) => {
    const n = left.get(l) ?? 0;
    if (n > 0) left.set(l, n - 1);
    return n === 0;
  });
  return { removed, added };
};

/** Pure: the lines removed from `a` and added in `b`. */
export const diffLines = (a: readonly string[], b: readonly string[]): LineDiff => {
  const n = a.length;
  const m = b.length;
  if (n * m > CAP) return multisetDiff(a, b);
  const w = m + 1;
  const lcs = new Uint32Array((n + 1) * w);
  for (let i = n - 1; i >= 0; i--)
    for (let j = m - 1; j >= 0; j--)
      lcs[i * w + j] =
        a[i] === b[j] ? lcs[(i + 1) * w + j + 1]! + 1 : Math.max(lcs[(i + 1) * w + j]!, lcs[i * w + j + 1]!);
  const removed: string[] = [];
  const added: string[] = [];
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    if (a[i] === b[j]) {
      i++;
      j++;
    } else if (lcs[(i + 1) * w + j]! >= lcs[i * w + j + 1]!) removed.push(a[i++]!);
    else added.push(b[j++]!);
  }
  return { removed: [...removed, ...a.slice(i)], added: [...added, ...b.slice(j)] };
};

/** Pure: the lines of a text, without line ends (`\r\n` and `\n`), without a final empty line. */
export const linesOf = (text: string): string[] => {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  if (lines[lines.length - 1] === '') lines.pop();
  return lines;
};
