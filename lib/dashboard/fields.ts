// Lenient field access over parsed JSON: the page shows what a document holds and never throws on a
// shape it did not expect (a missing key reads as null). Pure.

import { isObject } from '../core/json-object.js';

export { isObject };

/** Pure: the value at a path of plain objects, or undefined. */
export const get = (v: unknown, ...path: string[]): unknown => {
  let cur = v;
  for (const key of path) {
    if (cur === null || typeof cur !== 'object' || Array.isArray(cur)) return undefined;
    cur = (cur as Record<string, unknown>)[key];
  }
  return cur;
};

/** Pure: a non-empty string at the path, or null. */
export const str = (v: unknown, ...path: string[]): string | null => {
  const x = get(v, ...path);
  return typeof x === 'string' && x !== '' ? x : null;
};

/** Pure: a finite number at the path, or null. */
export const num = (v: unknown, ...path: string[]): number | null => {
  const x = get(v, ...path);
  return typeof x === 'number' && Number.isFinite(x) ? x : null;
};

/** Pure: a string or number at the path as text, or null. */
export const scalar = (v: unknown, ...path: string[]): string | null => {
  const x = get(v, ...path);
  if (typeof x === 'number' && Number.isFinite(x)) return String(x);
  if (typeof x === 'boolean') return String(x);
  return typeof x === 'string' && x !== '' ? x : null;
};

/** Pure: the strings of an array at the path (anything else is dropped). */
export const strings = (v: unknown, ...path: string[]): string[] => {
  const x = get(v, ...path);
  return Array.isArray(x) ? x.filter((s): s is string => typeof s === 'string') : [];
};
