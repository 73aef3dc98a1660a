// Every time flag (`--as-of`, `--now`, `--until`, `--fire-time`, ...) is read here, by one parser with
// one result shape. `--as-of` fixes the clock for reproducible output; without it the runner reads the
// wall clock once and passes the instant down. Nothing below the runner reads a clock.
import { isoSeconds } from '../../lib/core/time.js';
import { str, type Flag, type Io, type Values } from './command.js';
import { readTimeFlag, TIME_ARG } from './time-flag.js';

export { TIME_ARG };

/** An instant a run uses: epoch ms and the reference's second-precision UTC form. */
export interface RunInstant {
  readonly ms: number;
  readonly iso: string;
}

export const asOfFlag = {
  type: 'string',
  arg: TIME_ARG,
  help: 'Evaluate as of this instant (RFC 3339 with a zone, e.g. 2026-02-22T12:00:00Z) instead of the clock.',
} as const satisfies Flag;

/**
 * How a command that defines a zone for naive times reads one: the zone-less wall time, as epoch ms
 * if it were UTC, to the instant. Only the ops cycle has one (its `--tz`, as its reference says).
 */
export type NaiveWall = (wallMs: number) => number;

const instantOf = (ms: number): RunInstant => ({ ms, iso: isoSeconds(ms) });

/**
 * The instant a time flag names, or null when the flag is absent. Anything but RFC 3339 with a zone
 * is a usage error (exit 64) naming the flag and the expected form.
 */
export const timeFlag = (values: Values, name: string, naive?: NaiveWall): RunInstant | null => {
  const given = str(values, name);
  if (given === undefined) return null;
  const t = readTimeFlag(name, given, naive !== undefined);
  return instantOf(t.naive && naive !== undefined ? naive(t.ms) : t.ms);
};

/** The instant this run is evaluated at: `--as-of` when given, else the clock read once. */
export const asOfOf = (values: Values, io: Io, naive?: NaiveWall): RunInstant =>
  timeFlag(values, 'as-of', naive) ?? instantOf(io.now());
