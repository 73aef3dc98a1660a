// Reading untyped JSON the way the fleet scripts do, without their crashes: every accessor is total
// (a string where an object was expected yields undefined, never a thrown error), and defaults apply
// only to null or absent values, so an explicit `false` survives (jq's `// true` turned it into true).

import { isObject, type JsonObject } from '../core/json-object.js';

export { isObject, type JsonObject };

/** Pure: the value at a path of plain objects, or undefined when any step is not an object. */
export const at = (v: unknown, ...path: string[]): unknown => {
  let cur = v;
  for (const key of path) {
    if (!isObject(cur)) return undefined;
    cur = cur[key];
  }
  return cur;
};

/** Pure: `v`, or `fallback` when `v` is null or absent (false and 0 are kept). */
export const orElse = <T>(v: unknown, fallback: T): unknown => (v === null || v === undefined ? fallback : v);

/** Pure: a string value or null. */
export const strOrNull = (v: unknown): string | null => (typeof v === 'string' ? v : null);

/** Pure: a non-empty string value or null. */
export const nonEmpty = (v: unknown): string | null => (typeof v === 'string' && v.length > 0 ? v : null);

/** Pure: drops the keys whose value is null or undefined (jq `with_entries(select(.value != null))`). */
export const compact = <T extends JsonObject>(o: T): T =>
  Object.fromEntries(Object.entries(o).filter(([, v]) => v !== null && v !== undefined)) as T;

/** Pure: sorted unique strings (jq `unique`). */
export const uniqueSorted = (xs: readonly string[]): string[] => [...new Set(xs)].sort();

/** Pure: counts of each string (jq `reduce … .[$k] += 1`), keys in first-seen order. */
export const countBy = (xs: readonly string[]): Record<string, number> => {
  const out: Record<string, number> = {};
  for (const x of xs) out[x] = (out[x] ?? 0) + 1;
  return out;
};

/** Pure: the sum of an object's numeric values. */
export const total = (counts: Readonly<Record<string, number>>): number =>
  Object.values(counts).reduce((a, b) => a + b, 0);
