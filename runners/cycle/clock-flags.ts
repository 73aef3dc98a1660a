// The cycle's clock and zone: `--tz ZONE` (default: $TZ when it names a zone, else the system zone) and
// `--as-of RFC3339` (default: the clock), where one without a zone is a wall time in that zone (the
// reference's rule: the origin writes naive local times).
import { isZone, naiveToMs } from '../../lib/cycle/zone.js';
import { asOfOf, TIME_ARG } from '../cli/clock.js';
import { str, type Flag, type Io, type Values } from '../cli/command.js';
import { usageError } from '../cli/errors.js';

export const clockFlags: Readonly<Record<string, Flag>> = {
  'as-of': {
    type: 'string',
    arg: TIME_ARG,
    naive: true,
    help: 'Run as of this instant (RFC 3339) instead of the clock; one without Z or offset is read in --tz.',
  },
  tz: {
    type: 'string',
    arg: 'ZONE',
    help: 'IANA zone for naive timestamps, asof and file names. Default: $TZ, else the system zone.',
  },
};

/** The configured zone; a --tz Intl does not know is a usage error. */
export const zoneOf = (v: Values, io: Io): string => {
  const given = str(v, 'tz');
  if (given !== undefined) {
    if (!isZone(given))
      throw usageError(
        `--tz is not a known time zone: ${given}`,
        'use an IANA name such as Asia/Seoul or UTC',
      );
    return given;
  }
  const fromEnv = io.env['TZ'];
  if (fromEnv !== undefined && fromEnv !== '' && isZone(fromEnv)) return fromEnv;
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
};

/** The instant the command runs as of, in epoch ms. */
export const asOfMsOf = (v: Values, io: Io, zone: string): number =>
  asOfOf(v, io, (wall) => naiveToMs(wall, zone)).ms;

/** A whole number of seconds >= min, from a flag, as milliseconds. */
export const secondsFlag = (v: Values, name: string, fallbackS: number, minS = 0): number => {
  const raw = str(v, name);
  if (raw === undefined) return fallbackS * 1000;
  const n = Number(raw);
  if (!/^\d+(\.\d+)?$/.test(raw) || !Number.isFinite(n) || n < minS)
    throw usageError(`--${name} must be a number of seconds >= ${minS}: ${raw}`);
  return Math.round(n * 1000);
};
