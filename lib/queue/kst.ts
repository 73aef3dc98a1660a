// Wall-clock strings of the reference: "YYYY-MM-DD HH:MM" at a fixed UTC offset (KST, +9, unless
// ORCH_TZ_OFFSET says otherwise), written into updated_at / created_at and read back from
// started_at_kst to find stale work. Parsing follows Python's `strptime(s, "%Y-%m-%d %H:%M")`, which
// accepts one-digit fields and any run of whitespace between date and time. Pure: the instant is passed in.

import type { DbClock } from './decide.js';

const pad = (n: number, w = 2): string => String(n).padStart(w, '0');

/** Pure: `datetime.fromtimestamp(ms, UTC+offset).strftime("%Y-%m-%d %H:%M")`. */
export const kstString = (ms: number, offsetHours: number): string => {
  const d = new Date(ms + offsetHours * 3_600_000);
  return `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
};

// The regexes _strptime builds for %Y %m %d %H %M; the format's space becomes \s+ (Python's \s).
const WS = String.raw`[\t\n\v\f\r\x1c-\x1f \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+`;
const KST_RE = new RegExp(
  String.raw`^(\d{4})-(1[0-2]|0[1-9]|[1-9])-(3[01]|[12]\d|0[1-9]|[1-9]| [1-9])${WS}(2[0-3]|[0-1]\d|\d):([0-5]\d|\d)$`,
);

const daysIn = (year: number, month: number): number => {
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  return [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1] ?? 0;
};

/** Pure: epoch ms of a "YYYY-MM-DD HH:MM" string at UTC+offset, or null where the reference gets None. */
export const parseKst = (s: string, offsetHours: number): number | null => {
  if (s === '' || s === '-') return null;
  const m = KST_RE.exec(s);
  if (m === null) return null;
  const [year, month, day, hour, minute] = m.slice(1).map((x) => Number(x.trim()));
  if (year === undefined || month === undefined || day === undefined) return null;
  if (year < 1 || day > daysIn(year, month)) return null;
  const d = new Date(0);
  d.setUTCFullYear(year, month - 1, day);
  d.setUTCHours(hour ?? 0, minute ?? 0, 0, 0);
  return d.getTime() - offsetHours * 3_600_000;
};

/** Pure: the db paths' clock at `asOfMs`: epoch seconds, UTC+9 (db_store) and UTC+tzOffset (orch.py). */
export const dbClockOf = (asOfMs: number, tzOffset: number): DbClock => ({
  epoch: Math.trunc(asOfMs / 1000),
  kstFixed: kstString(asOfMs, 9),
  kstConfig: kstString(asOfMs, tzOffset),
});
