// Timestamps are data. Reducers and decisions receive `asOf`; nothing here reads a clock.

/** Pure: epoch milliseconds of an ISO 8601 timestamp, or null when it does not parse. */
export const parseIso = (text: string): number | null => {
  const ms = Date.parse(text);
  return Number.isFinite(ms) ? ms : null;
};

/** Pure: the second-precision UTC form the reference scripts print (`2026-02-22T12:00:00Z`). */
export const isoSeconds = (ms: number): string =>
  new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');

/** Pure: whole seconds from `from` to `to` (negative when `to` is earlier). */
export const secondsBetween = (from: number, to: number): number => Math.floor((to - from) / 1000);
