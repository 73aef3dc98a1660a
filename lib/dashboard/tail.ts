// The last N records of a log, as the page keeps them: oldest first, trimmed to the window's size,
// with the first corrupt line seen (its line number is counted only when it is shown). Pure: the
// runner reads the lines (backwards for a new window, forwards for appended bytes) and passes them here.
import * as E from 'fp-ts/lib/Either.js';
import { parseJson } from '../core/codec.js';
import type { JsonValue } from '../core/json-schema.js';

export interface SeenCorrupt {
  readonly byteOffset: number;
  readonly reason: string;
  /** 1-based; null until counted. */
  readonly line: number | null;
}

/** Pure: `items` then `more`, keeping only the newest `size`. */
export const keepLast = <T>(items: readonly T[], more: readonly T[], size: number): T[] => {
  const all = [...items, ...more];
  return all.slice(Math.max(0, all.length - size));
};

/** Pure: one line read backwards, as a record or the reason it is corrupt. */
export const lineRecord = (
  byteOffset: number,
  text: string,
):
  | { readonly ok: true; readonly value: JsonValue }
  | { readonly ok: false; readonly corrupt: SeenCorrupt } => {
  const parsed = parseJson(text);
  return E.isRight(parsed)
    ? { ok: true, value: parsed.right as JsonValue }
    : { ok: false, corrupt: { byteOffset, reason: `invalid JSON: ${parsed.left}`, line: null } };
};
