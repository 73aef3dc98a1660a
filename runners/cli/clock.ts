// `--as-of <ISO>` fixes the clock for reproducible output; without it the runner reads the wall clock
// once and passes the instant down. Nothing below the runner reads a clock.
import { isoSeconds, parseIso } from '../../lib/core/time.js';
import { usageError } from './errors.js';
import type { Io, Values } from './command.js';

export const asOfFlag = {
  type: 'string',
  arg: 'ISO',
  help: 'Evaluate as of this instant (ISO 8601) instead of the clock, for reproducible output.',
} as const;

/** The instant this run is evaluated at, in epoch ms and in the reference's second-precision form. */
export const asOfOf = (values: Values, io: Io): { ms: number; iso: string } => {
  const given = values['as-of'];
  if (typeof given === 'string') {
    const ms = parseIso(given);
    if (ms === null) throw usageError(`--as-of is not an ISO 8601 time: ${given}`);
    return { ms, iso: isoSeconds(ms) };
  }
  const ms = io.now();
  return { ms, iso: isoSeconds(ms) };
};
