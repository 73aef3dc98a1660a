// Did-you-mean for a mistyped command or flag. Distance counts an insertion, a deletion, a
// substitution or a swap of two neighbouring characters as one edit (the optimal string alignment
// distance), so `statu`, `stauts` and `sttaus` are each one edit from `status`.

/** Pure: the number of edits (insert, delete, substitute, swap neighbours) that turn `a` into `b`. */
export const editDistance = (a: string, b: string): number => {
  // Three rows are enough: the swap looks two rows back.
  let before: number[] = [];
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i += 1) {
    const row = [i];
    for (let j = 1; j <= b.length; j += 1) row.push(cell([a, b], i, j, { prev, before, row }));
    before = prev;
    prev = row;
  }
  return prev[b.length] ?? 0;
};

interface Rows {
  readonly prev: readonly number[];
  readonly before: readonly number[];
  readonly row: readonly number[];
}

const cell = ([a, b]: readonly [string, string], i: number, j: number, r: Rows): number => {
  const cost = a[i - 1] === b[j - 1] ? 0 : 1;
  const best = Math.min((r.prev[j] ?? 0) + 1, (r.row[j - 1] ?? 0) + 1, (r.prev[j - 1] ?? 0) + cost);
  const swapped = i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1];
  return swapped ? Math.min(best, (r.before[j - 2] ?? 0) + 1) : best;
};

/** How many edits a suggestion may be away: one per three characters typed, at least one, at most three. */
export const suggestionLimit = (word: string): number =>
  Math.min(3, Math.max(1, Math.floor(word.length / 3)));

/**
 * Pure: the candidates closest to `word` within `limit` edits, nearest first (ties in the candidates'
 * order); empty when none is close enough. A candidate equal to `word` is not a suggestion.
 */
export const closestMatches = (
  word: string,
  candidates: readonly string[],
  limit: number = suggestionLimit(word),
): readonly string[] => {
  const scored = [...new Set(candidates)]
    .filter((c) => c !== word)
    .map((c, order) => ({ c, order, d: editDistance(word, c) }))
    .filter((s) => s.d <= limit);
  const nearest = Math.min(...scored.map((s) => s.d));
  return scored
    .filter((s) => s.d === nearest)
    .sort((x, y) => x.order - y.order)
    .map((s) => s.c);
};
