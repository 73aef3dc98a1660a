// Wall-clock times of the ops cycle. The origin writes naive local timestamps (`2026-01-04T16:53:17.366206`)
// and, in later versions, the same with an offset (`+09:00`). A naive timestamp means the configured zone;
// one with `Z` or an offset is absolute. Pure: zone arithmetic uses Intl only, never the clock.
//
// Law: for every zone z and instant ms on a whole second, parseInZone(formatInZone(ms, z), z) == ms.

const ISO =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/i;

const formatters = new Map<string, Intl.DateTimeFormat>();
const formatterOf = (zone: string): Intl.DateTimeFormat => {
  let f = formatters.get(zone);
  if (f === undefined) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(zone, f);
  }
  return f;
};

/** Pure: true when Intl knows the zone (an IANA name such as `Asia/Seoul`, or `UTC`). */
export const isZone = (zone: string): boolean => {
  try {
    formatterOf(zone);
    return true;
  } catch {
    return false;
  }
};

interface Wall {
  readonly year: number;
  readonly month: number;
  readonly day: number;
  readonly hour: number;
  readonly minute: number;
  readonly second: number;
}

const wallOf = (ms: number, zone: string): Wall => {
  const parts: Record<string, number> = {};
  for (const p of formatterOf(zone).formatToParts(ms))
    if (p.type !== 'literal') parts[p.type] = Number(p.value);
  return {
    year: parts['year'] ?? 1970,
    month: parts['month'] ?? 1,
    day: parts['day'] ?? 1,
    hour: parts['hour'] ?? 0,
    minute: parts['minute'] ?? 0,
    second: parts['second'] ?? 0,
  };
};

const wallMs = (w: Wall): number => Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);

/** Pure: the zone's offset from UTC at instant `ms`, in milliseconds (whole seconds). */
export const offsetAt = (ms: number, zone: string): number => {
  const whole = Math.floor(ms / 1000) * 1000;
  return wallMs(wallOf(whole, zone)) - whole;
};

const offsetMs = (text: string): number => {
  if (text.toUpperCase() === 'Z') return 0;
  const sign = text.startsWith('-') ? -1 : 1;
  const digits = text.slice(1).replace(':', '');
  return sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2, 4) || '0')) * 60_000;
};

const DAY = 86_400_000;

/**
 * Pure: epoch ms of a naive wall time in `zone`. A wall time a DST fold repeats is the earlier instant;
 * one a DST gap skips is read with the offset before the gap (so it lands just after the gap).
 */
export const naiveToMs = (wall: number, zone: string): number => {
  const before = offsetAt(wall - DAY, zone);
  const offsets = [...new Set([before, offsetAt(wall, zone), offsetAt(wall + DAY, zone)])];
  const valid = offsets.map((o) => wall - o).filter((ms) => offsetAt(ms, zone) === wall - ms);
  return valid.length > 0 ? Math.min(...valid) : wall - before;
};

/** Pure: epoch ms of an ISO 8601 timestamp; a naive one is read in `zone`. Null when it does not parse. */
export const parseInZone = (text: string, zone: string): number | null => {
  const m = ISO.exec(text.trim());
  if (m === null) return null;
  const [, y, mo, d, h, mi, s, frac, off] = m;
  const fraction = frac === undefined ? 0 : Math.floor(Number(`0.${frac}`) * 1000);
  const wall = Date.UTC(
    Number(y),
    Number(mo) - 1,
    Number(d),
    Number(h ?? 0),
    Number(mi ?? 0),
    Number(s ?? 0),
  );
  if (!Number.isFinite(wall) || Number(mo) > 12 || Number(d) > 31 || Number(h ?? 0) > 23) return null;
  const base = off === undefined ? naiveToMs(wall, zone) : wall - offsetMs(off);
  return base + fraction;
};

const two = (n: number): string => String(n).padStart(2, '0');

const offsetText = (offset: number): string => {
  const minutes = Math.round(Math.abs(offset) / 60_000);
  return `${offset < 0 ? '-' : '+'}${two(Math.floor(minutes / 60))}:${two(minutes % 60)}`;
};

/** Pure: `2026-01-04T12:10:00+09:00`, the instant as the zone's wall clock with its offset (whole seconds). */
export const formatInZone = (ms: number, zone: string): string => {
  const w = wallOf(ms, zone);
  const date = `${w.year}-${two(w.month)}-${two(w.day)}`;
  return `${date}T${two(w.hour)}:${two(w.minute)}:${two(w.second)}${offsetText(offsetAt(ms, zone))}`;
};

/** Pure: `2026-01-04`, the zone's calendar day at instant `ms`. */
export const dayInZone = (ms: number, zone: string): string => {
  const w = wallOf(ms, zone);
  return `${w.year}-${two(w.month)}-${two(w.day)}`;
};

/** Pure: `20260104_121000`, the stamp in the origin's snapshot file names (`ops_run_<stamp>.json`). */
export const fileStampInZone = (ms: number, zone: string): string => {
  const w = wallOf(ms, zone);
  return `${w.year}${two(w.month)}${two(w.day)}_${two(w.hour)}${two(w.minute)}${two(w.second)}`;
};
