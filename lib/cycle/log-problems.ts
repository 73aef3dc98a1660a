// What the cycle makes of bad ticket-log lines and logs it cannot read: a warning each, and the error
// that fails the cycle closed (an unreadable log first, else the first bad line). Pure.
import type { CycleError, Warning } from './reasons.js';

/** A line of a log that could not be decoded, where it is. */
export interface BadLine {
  readonly file: string;
  readonly line: number;
  readonly byteOffset: number;
  readonly reason: string;
}

/** `file:line:byte: reason`, how opsfold names a bad line. */
export const badLineText = (b: BadLine): string => `${b.file}:${b.line}:${b.byteOffset}: ${b.reason}`;

export interface LogProblems {
  readonly warnings: readonly Warning[];
  readonly error: CycleError | null;
}

/** Pure: the warnings for every bad line and unreadable log, and the error they fail the cycle with. */
export const logProblems = (bad: readonly BadLine[], unreadable: readonly string[]): LogProblems => {
  const warnings: Warning[] = [
    ...bad.map((b): Warning => ({ code: 'LOG_CORRUPT', detail: badLineText(b) })),
    ...unreadable.map((u): Warning => ({ code: 'LOG_UNREADABLE', detail: u })),
  ];
  if (unreadable.length > 0)
    return { warnings, error: { code: 'LOG_UNREADABLE', message: unreadable.join('; ') } };
  const first = bad[0];
  return {
    warnings,
    error: first === undefined ? null : { code: 'LOG_CORRUPT', message: badLineText(first) },
  };
};

/** Pure: the error of a re-read after appends: an unreadable log, else every newly bad line. */
export const appendedProblem = (
  fresh: readonly BadLine[],
  unreadable: readonly string[],
): CycleError | null => {
  if (unreadable.length > 0) return { code: 'LOG_UNREADABLE', message: unreadable.join('; ') };
  if (fresh.length > 0) return { code: 'LOG_CORRUPT', message: fresh.map(badLineText).join('; ') };
  return null;
};
