// The small shape checks the registry's policy block is made of, each returning the reference's
// message when the value is present and wrong (absent or null is always fine: defaults apply).
import { isObject, nonEmpty } from './json.js';
import { parseIso } from '../core/time.js';

const absent = (v: unknown): boolean => v === null || v === undefined;

/** Pure: `[name must be an object when present]` for a present non-object. */
export const objectWhenPresent = (v: unknown, name: string): string[] =>
  absent(v) || isObject(v) ? [] : [`${name} must be an object when present`];

/** Pure: the value when it is an object, else {} (so nested checks see nothing instead of crashing). */
export const objOrEmpty = (v: unknown): Record<string, unknown> => (isObject(v) ? v : {});

export const intWhenPresent = (v: unknown, name: string, min: number): string[] =>
  absent(v) || (typeof v === 'number' && Number.isInteger(v) && v >= min)
    ? []
    : [`${name} must be an integer >= ${min} when present`];

export const boolWhenPresent = (v: unknown, name: string): string[] =>
  absent(v) || typeof v === 'boolean' ? [] : [`${name} must be boolean when present`];

export const nonEmptyWhenPresent = (v: unknown, name: string): string[] =>
  absent(v) || nonEmpty(v) !== null ? [] : [`${name} must be a non-empty string when present`];

export const rateWhenPresent = (v: unknown, name: string): string[] =>
  absent(v) || (typeof v === 'number' && v >= 0 && v <= 1)
    ? []
    : [`${name} must be a number between 0 and 1 when present`];

/** Pure: one of `allowed` as a string, with the reference's two messages. */
export const enumWhenPresent = (v: unknown, name: string, allowed: readonly string[]): string[] => {
  if (absent(v)) return [];
  if (typeof v !== 'string') return [`${name} must be a string when present`];
  return allowed.includes(v) ? [] : [`${name} must be one of ${allowed.join(', ')}`];
};

/** Pure: an allowlist of known strings (`unsupported <noun>` when one is not known). */
export const allowListWhenPresent = (
  v: unknown,
  name: string,
  known: readonly string[],
  noun: string,
): string[] => {
  if (absent(v)) return [];
  if (!Array.isArray(v)) return [`${name} must be an array when present`];
  if (!v.every((x) => typeof x === 'string')) return [`${name} entries must be strings`];
  return v.every((x) => known.includes(x as string)) ? [] : [`${name} contains unsupported ${noun}`];
};

/**
 * Pure: true for an RFC 3339 timestamp with a zone (`2026-02-23T00:00:00Z`, optional fraction).
 * The reference accepted only what jq's fromdateiso8601 parses; offsets are accepted here too.
 */
export const isIsoTimestamp = (v: unknown): v is string => typeof v === 'string' && parseIso(v) !== null;
