// Timestamps are data. Reducers and decisions receive `asOf`; nothing here reads a clock.
//
// One strict RFC 3339 reader for every flag and record. Date.parse is not used: it accepts `1` and
// `Feb 22 2026`, rolls `02-30` into March and reads a zone-less time in the machine's zone, so the same
// log would give different answers under TZ=UTC and TZ=Asia/Seoul. Everything here is arithmetic.

/** A parsed instant (epoch ms), or why the text is not one. */
export type Instant =
  { readonly ok: true; readonly ms: number } | { readonly ok: false; readonly reason: string };

/** The form every time flag and record accepts, for error messages. */
export const RFC3339_FORM = 'RFC 3339 with a zone, e.g. 2026-02-22T12:00:00Z or 2026-02-22T21:00:00+09:00';

const FORM =
  /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(?:\.(\d+))?(?:([Zz])|([+-])(\d{2}):(\d{2}))?$/;

const refused = (reason: string): Instant => ({ ok: false, reason });

const leap = (y: number): boolean => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
const daysIn = (y: number, m: number): number =>
  [31, leap(y) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1] ?? 0;

// Days from 1970-01-01 to a proleptic Gregorian date (Howard Hinnant's days_from_civil).
const epochDays = (y: number, m: number, d: number): number => {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  return era * 146_097 + yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy - 719_468;
};

const dateInRange = (y: number, mo: number, d: number): boolean =>
  mo >= 1 && mo <= 12 && d >= 1 && d <= daysIn(y, mo);
const inRange = ([y = 0, mo = 0, d = 0, h = 0, mi = 0, s = 0]: readonly number[]): boolean =>
  dateInRange(y, mo, d) && h <= 23 && mi <= 59 && s <= 59;

// Whole milliseconds of the fraction, truncated (as Date.parse does): no float rounding.
const fractionMs = (frac: string | undefined): number =>
  frac === undefined ? 0 : Number(frac.padEnd(3, '0').slice(0, 3));

/** Minutes east of UTC for `Z`/`z` or `±HH:MM`; null when the offset is out of range. */
const offsetMinutes = (z: string | undefined, sign: string | undefined, hh?: string, mm?: string) => {
  if (z !== undefined) return 0;
  if (Number(hh) > 23 || Number(mm) > 59) return null;
  return (sign === '-' ? -1 : 1) * (Number(hh) * 60 + Number(mm));
};

/** The wall time as if UTC, and the offset in minutes (`naive` when the text has none; null out of range). */
const fieldsOf = (m: RegExpExecArray): { wall: number; zone: number | 'naive' | null } => {
  const [y = 0, mo = 0, d = 0, h = 0, mi = 0, s = 0] = m.slice(1, 7).map(Number);
  const wall = (epochDays(y, mo, d) * 86_400 + h * 3600 + mi * 60 + s) * 1000 + fractionMs(m[7]);
  if (!inRange([y, mo, d, h, mi, s])) return { wall, zone: null };
  const naive = m[8] === undefined && m[9] === undefined;
  return { wall, zone: naive ? 'naive' : offsetMinutes(m[8], m[9], m[10], m[11]) };
};

const instantOf = (text: string, naiveOffset: number | null): Instant => {
  const m = FORM.exec(text);
  if (m === null) return refused(`not ${RFC3339_FORM}`);
  const f = fieldsOf(m);
  if (f.zone === null) return refused('a date, time or offset field is out of range');
  if (f.zone === 'naive' && naiveOffset === null) return refused(`no zone: expected ${RFC3339_FORM}`);
  const offset = f.zone === 'naive' ? (naiveOffset ?? 0) : f.zone;
  return { ok: true, ms: f.wall - offset * 60_000 };
};

/**
 * Pure: the instant of an RFC 3339 timestamp, `YYYY-MM-DDTHH:MM:SS[.frac](Z|±HH:MM)`. The zone is
 * required; the calendar is checked (2026-02-30, 24:00 and a leap second :60 are refused).
 */
export const parseRfc3339 = (text: string): Instant => instantOf(text, null);

/**
 * Pure: as parseRfc3339, but a zone-less time is read at the fixed `offset` (`Z` or `±HH:MM`) a
 * reference defines for its naive timestamps (the ops cycle origin writes KST), never the machine's zone.
 */
export const parseRfc3339Local = (text: string, offset: string): Instant => {
  const o = /^(?:([Zz])|([+-])(\d{2}):(\d{2}))$/.exec(offset);
  const minutes = o === null ? null : offsetMinutes(o[1], o[2], o[3], o[4]);
  if (minutes === null) return refused(`not an offset: ${offset}`);
  return instantOf(text, minutes);
};

/** Pure: epoch ms of an RFC 3339 timestamp with a zone, or null when it is not one. */
export const parseIso = (text: string): number | null => {
  const r = parseRfc3339(text);
  return r.ok ? r.ms : null;
};

/** Pure: the second-precision UTC form the reference scripts print (`2026-02-22T12:00:00Z`). */
export const isoSeconds = (ms: number): string =>
  new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');

/** Pure: whole seconds from `from` to `to` (negative when `to` is earlier). */
export const secondsBetween = (from: number, to: number): number => Math.floor((to - from) / 1000);
