// The whole-number flags of the loop's commands, read as the reference reads them: digits only (no
// sign, no fraction, no exponent), then a range. Null means "not acceptable"; the runner says why.

/** A count >= 0 (`--max-events`, 0 = no limit). */
export const nonNegativeInteger = (s: string): number | null => (/^[0-9]+$/.test(s) ? Number(s) : null);

/** A count >= 1 (`--required-streak`, `--summary-window`). */
export const positiveInteger = (s: string): number | null => {
  const n = nonNegativeInteger(s);
  return n !== null && n >= 1 ? n : null;
};

/** A whole number from 0 to `max` (`--port`, `--max-body-bytes`). */
export const integerUpTo = (s: string, max: number): number | null => {
  const n = nonNegativeInteger(s);
  return n !== null && n <= max ? n : null;
};
