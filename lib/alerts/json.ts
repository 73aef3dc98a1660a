// The few jq idioms the reference's contracts are written in, as pure functions, so validation and
// defaulting behave exactly as the reference's `jq` programs do.

import { isObject, type JsonObject } from '../core/json-object.js';

export { isObject, type JsonObject };

/** Pure: jq's `a // b`: `a` unless it is null, false or absent. */
export const alt = <T>(v: unknown, fallback: T): unknown =>
  v === null || v === false || v === undefined ? fallback : v;

/** Pure: an own property of a JSON object (never one inherited from Object.prototype). */
export const own = (o: JsonObject, key: string): unknown => (Object.hasOwn(o, key) ? o[key] : undefined);

/** Pure: what `jq -r '.x // empty'` prints for a scalar: '' for null/false/absent, text otherwise. */
export const scalarText = (v: unknown): string => {
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || v === true) return String(v);
  return '';
};

/** Pure: null for an empty string (the reference's `if ($x | length) > 0 then $x else null end`). */
export const nonEmpty = (s: string): string | null => (s.length > 0 ? s : null);

/** Pure: drops the top-level keys whose value is null (jq's `with_entries(select(.value != null))`). */
export const dropNulls = (o: JsonObject): JsonObject =>
  Object.fromEntries(Object.entries(o).filter(([, v]) => v !== null && v !== undefined));
