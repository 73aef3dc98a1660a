// Validating a million lines with io-ts costs more than parsing them, so lines are checked with a
// hand-written guard that agrees with the `LoopEventLine` codec, and io-ts runs only on a line the
// guard refuses, to name the failing field. A property test keeps the two in agreement.
import * as E from 'fp-ts/lib/Either.js';
import { decode } from '../core/codec.js';
import { LoopEventLine } from './codecs.js';
import type { RawEvent } from './event-fields.js';

const optionalString = (x: unknown): boolean => x === undefined || typeof x === 'string';
const optionalNullableString = (x: unknown): boolean => x === null || optionalString(x);

// One property read per field, no callbacks: this runs once per line of every fold.
const stringFieldsOk = (o: Record<string, unknown>): boolean =>
  optionalString(o['timestamp']) &&
  optionalString(o['event']) &&
  optionalString(o['type']) &&
  optionalString(o['loop_id']) &&
  optionalString(o['run_id']);

const nullableFieldsOk = (o: Record<string, unknown>): boolean =>
  optionalNullableString(o['role']) &&
  optionalNullableString(o['status']) &&
  optionalNullableString(o['message']);

/** Pure: true exactly when `LoopEventLine.is(v)`. */
export const isLoopEventLine = (v: unknown): v is RawEvent => {
  if (v === null || typeof v !== 'object' || Array.isArray(v)) return false;
  const o = v as Record<string, unknown>;
  const it = o['iteration'];
  return (
    stringFieldsOk(o) &&
    nullableFieldsOk(o) &&
    (it === undefined || typeof it === 'number' || typeof it === 'string')
  );
};

/** Pure: decodes one parsed events.jsonl line; Left names the JSON path of the first bad field. */
export const decodeLoopEventLine = (v: unknown): E.Either<string, RawEvent> => {
  if (isLoopEventLine(v)) return E.right(v);
  const r = decode(LoopEventLine, v);
  return E.isLeft(r) ? E.left(r.left.message) : E.right(r.right as RawEvent);
};
