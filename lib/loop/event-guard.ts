// Validating a million lines with io-ts costs more than parsing them, so lines are checked with a
// hand-written guard that agrees with the `LoopEventLine` codec, and io-ts runs only on a line the
// guard refuses, to name the failing field. A property test keeps the two in agreement.
import * as E from 'fp-ts/lib/Either.js';
import { decode } from '../core/codec.js';
import { LoopEventLine } from './codecs.js';
import type { RawEvent } from './event-fields.js';

const STRING_KEYS = ['timestamp', 'event', 'type', 'loop_id', 'run_id'] as const;
const NULLABLE_STRING_KEYS = ['role', 'status', 'message'] as const;

const optionalString = (x: unknown): boolean => x === undefined || typeof x === 'string';
const optionalNullableString = (x: unknown): boolean => x === null || optionalString(x);

/** Pure: true exactly when `LoopEventLine.is(v)`. */
export const isLoopEventLine = (v: unknown): v is RawEvent => {
  if (v === null || typeof v !== 'object' || Array.isArray(v)) return false;
  const o = v as Record<string, unknown>;
  const it = o['iteration'];
  return (
    STRING_KEYS.every((k) => optionalString(o[k])) &&
    NULLABLE_STRING_KEYS.every((k) => optionalNullableString(o[k])) &&
    (it === undefined || typeof it === 'number' || typeof it === 'string')
  );
};

/** Pure: decodes one parsed events.jsonl line; Left names the JSON path of the first bad field. */
export const decodeLoopEventLine = (v: unknown): E.Either<string, RawEvent> => {
  if (isLoopEventLine(v)) return E.right(v);
  const r = decode(LoopEventLine, v);
  return E.isLeft(r) ? E.left(r.left.message) : E.right(r.right as RawEvent);
};
