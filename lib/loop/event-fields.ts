// Field access with the reference's jq semantics, so opsfold reads a raw Superloop event exactly as
// the ops-manager scripts do: `a // b` falls through only on null/false (an empty string is kept).
import type { LoopEventLine } from './codecs.js';

/** One `events.jsonl` record as its codec decoded it (an open record: unknown keys are kept). */
export type RawEvent = Readonly<LoopEventLine>;

/** Pure: jq's `a // b`. */
export const alt = (a: unknown, b: unknown): unknown =>
  a === null || a === undefined || a === false ? b : a;

/** Pure: jq `-r` rendering of a scalar; objects and arrays as compact JSON. */
export const text = (v: unknown): string =>
  typeof v === 'string' ? v : v === null || v === undefined ? '' : JSON.stringify(v);

/** Pure: `(.event // .type // "")` */
export const eventName = (e: RawEvent | null): string =>
  e === null ? '' : text(alt(alt(e['event'], e['type']), ''));

/** Pure: `.status // ""` */
export const eventStatus = (e: RawEvent | null): string => (e === null ? '' : text(alt(e['status'], '')));

/** Pure: `(x // 0) | tonumber? // 0` */
export const toIteration = (v: unknown): number => {
  const x = alt(v, 0);
  if (typeof x === 'number' && Number.isFinite(x)) return x;
  if (typeof x === 'string' && x.trim() !== '' && Number.isFinite(Number(x))) return Number(x);
  return 0;
};

/** Pure: a non-empty string or null, as the envelopes print optional fields. */
export const orNull = (v: unknown): string | null => {
  const s = text(alt(v, ''));
  return s.length > 0 ? s : null;
};
