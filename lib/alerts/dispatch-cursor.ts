// The cursor alert dispatch resumes from, as alert-dispatch-state.json holds it: the reference's line
// count, and opsfold's byte offset and fingerprint there. The decoding is as lenient as the reference
// (which reads `.escalationsLineOffset // 0`): a state file that is valid JSON but of another shape, or
// written by the reference (no byte offset), still decodes; what is unusable counts as absent.
import * as E from 'fp-ts/lib/Either.js';
import * as t from 'io-ts';
import type { SourceFingerprint } from '../core/position.js';
import { Fingerprint } from './codecs.js';
import type { CursorEvent } from './ledger.js';
import { isObject, own } from './json.js';

export interface SavedCursor {
  readonly lines: number;
  /** Null when the state was written without one (by the reference). */
  readonly byteOffset: number | null;
  readonly fingerprint: SourceFingerprint | null;
}

/** Nothing saved yet: dispatch starts at the first line. */
export const noSavedCursor: SavedCursor = { lines: 0, byteOffset: null, fingerprint: null };

const wholeNumber = (v: unknown): number | null =>
  typeof v === 'number' && Number.isSafeInteger(v) && v >= 0 ? v : null;

const cursorOf = (doc: unknown): SavedCursor => {
  const v = isObject(doc) ? doc : {};
  const fp = Fingerprint.decode(own(v, 'escalationsFingerprint'));
  return {
    lines: wholeNumber(own(v, 'escalationsLineOffset')) ?? 0,
    byteOffset: wholeNumber(own(v, 'escalationsByteOffset')),
    fingerprint: E.isRight(fp) ? fp.right : null,
  };
};

/** alert-dispatch-state.json read for its cursor; never fails on shape (only JSON itself can fail). */
export const SavedDispatchCursor = new t.Type<SavedCursor, unknown, unknown>(
  'SavedDispatchCursor',
  (u): u is SavedCursor => isObject(u) && typeof u['lines'] === 'number',
  (u) => t.success(cursorOf(u)),
  (a) => a,
);

/** Pure: the ledger record that lets the ledger forget rows before the new cursor. */
export const cursorEvent = (lines: number, byteOffset: number | null, at: string): CursorEvent => ({
  type: 'cursor',
  lines,
  byteOffset: byteOffset ?? 0,
  at,
});
