// Times in the operators' zone (seed 004: fire_time "ISO 8601 KST"). Pure: an offset is data.
import { parseRfc3339, parseRfc3339Local } from '../core/time.js';

const offsetMinutes = (zone: string): number => {
  if (zone === 'Z') return 0;
  const m = /^([+-])(\d\d):(\d\d)$/.exec(zone);
  if (m === null) return 0;
  const sign = m[1] === '-' ? -1 : 1;
  return sign * (Number(m[2]) * 60 + Number(m[3]));
};

const pad = (n: number): string => String(n).padStart(2, '0');

/** Pure: `2026-05-28T13:22:33+09:00` for epoch ms in the zone (`Z` or `±HH:MM`), second precision. */
export const isoInZone = (ms: number, zone: string): string => {
  const local = new Date(Math.floor(ms / 1000) * 1000 + offsetMinutes(zone) * 60_000);
  const date = `${local.getUTCFullYear()}-${pad(local.getUTCMonth() + 1)}-${pad(local.getUTCDate())}`;
  const time = `${pad(local.getUTCHours())}:${pad(local.getUTCMinutes())}:${pad(local.getUTCSeconds())}`;
  return `${date}T${time}${zone === 'Z' ? 'Z' : zone}`;
};

/** Pure: YYMMDD of the instant in the zone (the dispatch marker's date). */
export const yymmddInZone = (ms: number, zone: string): string => {
  const local = new Date(ms + offsetMinutes(zone) * 60_000);
  return `${pad(local.getUTCFullYear() % 100)}${pad(local.getUTCMonth() + 1)}${pad(local.getUTCDate())}`;
};

/**
 * Pure: a record's time with its zone made explicit. Seed 004 defines fire_time as KST, so a zone-less
 * one is read at the operators' fixed offset `zone` (never the machine's); any other text is returned
 * as it is, for the strict reader to refuse.
 */
export const withZone = (text: string, zone: string): string => {
  if (parseRfc3339(text).ok) return text;
  const r = parseRfc3339Local(text, zone);
  return r.ok ? isoInZone(r.ms, zone) : text;
};
