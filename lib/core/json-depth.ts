// A depth bound checked on JSON text before it is parsed. JSON.parse itself copes with any nesting,
// but everything after it recurses (stable-json's key sort, JSON.stringify of a state holding the
// value, io-ts), so a hostile line a few thousand levels deep would parse, be folded into state, and
// then fail every later write of that state with a stack overflow. Refusing it at the edge makes it an
// ordinary corrupt line with a position, handled like any other.
//
// Law: for any text JSON.parse accepts, `jsonDepthProblem(text, max)` is null exactly when the parsed
// value nests arrays and objects at most `max` levels deep (a scalar has depth 0, `[]` and `{}` depth 1).
// For text JSON.parse refuses, the answer does not matter: the parse fails either way. Linear time, no
// allocation; text too short to reach `max` levels is not scanned at all.

/** Deeper than this is refused: far beyond any real record, far below where recursion overflows. */
export const MAX_JSON_DEPTH = 512;

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;

/** Pure: the index just past the string whose opening quote is at `start` (or the text's end). */
const skipString = (text: string, start: number): number => {
  for (let i = start + 1; i < text.length; i += 1) {
    const c = text.charCodeAt(i);
    if (c === BACKSLASH) i += 1;
    else if (c === QUOTE) return i + 1;
  }
  return text.length;
};

/**
 * Pure: the character index of the first opener that goes deeper than `max`, or null. Brackets
 * inside strings are not nesting; escapes inside strings are honoured.
 */
export const jsonDepthExceededAt = (text: string, max: number = MAX_JSON_DEPTH): number | null => {
  // A document `max + 1` levels deep needs at least that many openers and as many closers.
  if (text.length < 2 * (max + 1)) return null;
  let depth = 0;
  let i = 0;
  while (i < text.length) {
    const c = text.charCodeAt(i);
    if (c === QUOTE) {
      i = skipString(text, i);
      continue;
    }
    if (c === OPEN_BRACKET || c === OPEN_BRACE) {
      depth += 1;
      if (depth > max) return i;
    } else if (c === CLOSE_BRACKET || c === CLOSE_BRACE) depth -= 1;
    i += 1;
  }
  return null;
};

/** Pure: a reason to refuse `text` before parsing it (nesting deeper than `max`), or null. */
export const jsonDepthProblem = (text: string, max: number = MAX_JSON_DEPTH): string | null => {
  const at = jsonDepthExceededAt(text, max);
  return at === null ? null : `nesting deeper than ${max} levels at character ${at}`;
};
