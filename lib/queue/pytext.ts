// Text rules of the reference (Python 3): what `str.strip()` removes, where `str.splitlines()` breaks a
// line, how `sorted()` orders strings and how an f-string prints a value. QUEUE.md written by one tool
// must parse to the same rows in the other, so these follow Python exactly rather than JS's own
// `trim()`, `split('\n')` and UTF-16 `sort()`. Pure.
import type { DbCell } from './row.js';

// str.isspace(): JS `trim()` differs (it strips U+FEFF, keeps U+001C..U+001F and U+0085).
const range = (from: number, to: number): number[] =>
  Array.from({ length: to - from + 1 }, (_, i) => from + i);
const PY_WHITESPACE = new Set([
  ...range(0x09, 0x0d),
  ...range(0x1c, 0x20),
  0x85,
  0xa0,
  0x1680,
  ...range(0x2000, 0x200a),
  0x2028,
  0x2029,
  0x202f,
  0x205f,
  0x3000,
]);
const isPyWhitespace = (c: number): boolean => PY_WHITESPACE.has(c);

/** Pure: Python's `s.strip()`. */
export const pyStrip = (s: string): string => {
  let a = 0;
  let b = s.length;
  while (a < b && isPyWhitespace(s.charCodeAt(a))) a += 1;
  while (b > a && isPyWhitespace(s.charCodeAt(b - 1))) b -= 1;
  return s.slice(a, b);
};

/** Pure: Python's `s.strip(ch)` for one character. */
export const pyStripChar = (s: string, ch: string): string => {
  let a = 0;
  let b = s.length;
  while (a < b && s[a] === ch) a += 1;
  while (b > a && s[b - 1] === ch) b -= 1;
  return s.slice(a, b);
};

/** Number of leading characters `pyStrip` would remove. */
export const pyLeadingWhitespace = (s: string): number => {
  let a = 0;
  while (a < s.length && isPyWhitespace(s.charCodeAt(a))) a += 1;
  return a;
};

/** Characters `str.splitlines()` breaks on (after `\r\n`, which is one break). */
const LINE_BREAKS = new Set([0x0a, 0x0b, 0x0c, 0x0d, 0x1c, 0x1d, 0x1e, 0x85, 0x2028, 0x2029]);

/** Pure: true when `s` holds a character that `str.splitlines()` would break a line at. */
export const hasPyLineBreak = (s: string): boolean => {
  for (let i = 0; i < s.length; i += 1) if (LINE_BREAKS.has(s.charCodeAt(i))) return true;
  return false;
};

/** Pure: `s` with every line-breaking character replaced by a space. */
export const replacePyLineBreaks = (s: string): string =>
  hasPyLineBreak(s) ? [...s].map((ch) => (LINE_BREAKS.has(ch.charCodeAt(0)) ? ' ' : ch)).join('') : s;

/** One line of a text: its content and where it sits (`end` excludes the terminator, `next` includes it). */
export interface LineSpan {
  readonly text: string;
  readonly start: number;
  readonly end: number;
  readonly next: number;
}

/** Pure: Python's `text.splitlines()` (after universal-newline reading), with each line's place kept. */
export const pySplitLines = (text: string): LineSpan[] => {
  const out: LineSpan[] = [];
  let start = 0;
  for (let i = 0; i < text.length; i += 1) {
    const c = text.charCodeAt(i);
    if (!LINE_BREAKS.has(c)) continue;
    const next = c === 0x0d && text.charCodeAt(i + 1) === 0x0a ? i + 2 : i + 1;
    out.push({ text: text.slice(start, i), start, end: i, next });
    start = next;
    i = next - 1;
  }
  if (start < text.length) out.push({ text: text.slice(start), start, end: text.length, next: text.length });
  return out;
};

/** Pure: Python's string order (by code point; JS's default sort compares UTF-16 units). */
export const pyCompare = (a: string, b: string): number => {
  const x = [...a];
  const y = [...b];
  for (let i = 0; i < Math.min(x.length, y.length); i += 1) {
    const d = (x[i]?.codePointAt(0) ?? 0) - (y[i]?.codePointAt(0) ?? 0);
    if (d !== 0) return d;
  }
  return x.length - y.length;
};

/** Pure: what an f-string prints for a value read from SQLite or markdown (`None` for NULL). */
export const pyStr = (v: DbCell | undefined): string => {
  if (v === null || v === undefined) return 'None';
  if (typeof v === 'string') return v;
  if (typeof v === 'number' && Number.isInteger(v)) return String(v);
  return String(v);
};

/** Pure: Python truthiness of a value read from SQLite or markdown. */
export const pyTruthy = (v: DbCell | undefined): boolean =>
  !(v === null || v === undefined || v === '' || v === 0);
