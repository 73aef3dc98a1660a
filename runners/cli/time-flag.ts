// The one reader of time flags. A flag whose `arg` is TIME_ARG is checked when argv is parsed, so a
// bad time is refused (exit 64) before a command reads any file, whatever its other flags say.
import { parseRfc3339, parseRfc3339Local, RFC3339_FORM } from '../../lib/core/time.js';
import { usageError } from './errors.js';

export const TIME_ARG = 'RFC3339';

/** A time flag's instant, or, for a zone-less time where the command allows one, its wall time as if UTC. */
export interface TimeFlagValue {
  readonly ms: number;
  readonly naive: boolean;
}

/** Reads `--<name> <given>`; anything but RFC 3339 with a zone (or zone-less where allowed) is exit 64. */
export const readTimeFlag = (name: string, given: string, naiveAllowed: boolean): TimeFlagValue => {
  const r = parseRfc3339(given);
  if (r.ok) return { ms: r.ms, naive: false };
  const wall = naiveAllowed ? parseRfc3339Local(given, 'Z') : r;
  if (wall.ok) return { ms: wall.ms, naive: true };
  throw usageError(`--${name} must be ${RFC3339_FORM}: ${given}`);
};
