// The poll cursor document: the reference's keys (eventLineOffset, eventLineCount …) plus opsfold's
// `eventByteOffset` and `eventsFingerprint`, so a resume reads only appended bytes and can tell a
// truncated or rotated log from a grown one. A cursor written by the reference (no byte offset) is
// honoured by counting lines once.
import * as E from 'fp-ts/lib/Either.js';
import type { Cursor, SourceFingerprint } from '../core/position.js';
import { isObject } from '../core/json-object.js';
import { PollCursor } from './codecs.js';

export interface SavedCursor {
  readonly lines: number;
  readonly byteOffset: number | null;
  readonly fingerprint: SourceFingerprint | null;
}

const isExactCount = (value: unknown): value is number =>
  typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;

const inexact = (key: string, value: unknown): string | null => {
  if (isExactCount(value)) return null;
  const shown = typeof value === 'number' ? String(value) : JSON.stringify(value);
  const why = Number.isInteger(value) && !Number.isSafeInteger(value) ? ' (past 2^53: not exact)' : '';
  return `$.${key}: expected a whole number, got ${shown}${why}`;
};

/** Pure: the saved cursor in a parsed cursor file, or the reference's error when its offset is bad. */
export const savedCursorOf = (
  doc: unknown,
  file: string,
): E.Either<{ readonly message: string; readonly details: readonly string[] }, SavedCursor> => {
  // A cursor file that holds no offset (`null`, `{}`, `[]`) fails closed like an empty one: reading it
  // as line 0 would silently replay the whole log.
  if (!isObject(doc) || doc['eventLineOffset'] === undefined)
    return E.left({
      message: `invalid cursor offset in ${file}`,
      details: [
        `${file}: $.eventLineOffset: expected a whole number, got no offset (${JSON.stringify(doc)})`,
      ],
    });
  const v = doc;
  const offset = v['eventLineOffset'];
  // Past 2^53 (or `1e400`, parsed as Infinity) the parsed number is no longer the one written.
  const bad = inexact('eventLineOffset', offset) ?? inexact('eventByteOffset', v['eventByteOffset'] ?? 0);
  if (bad !== null || !isExactCount(offset))
    return E.left({ message: `invalid cursor offset in ${file}`, details: [`${file}: ${bad ?? ''}`] });
  const decoded = PollCursor.decode(v);
  const bytes = E.isRight(decoded) ? decoded.right.eventByteOffset : undefined;
  const fp = v['eventsFingerprint'];
  return E.right({
    lines: offset,
    byteOffset: typeof bytes === 'number' ? bytes : null,
    fingerprint: fp !== null && typeof fp === 'object' ? (fp as SourceFingerprint) : null,
  });
};

export interface CursorDoc {
  readonly repoPath: string;
  readonly loopId: string;
  readonly eventsPath: string;
  readonly cursor: Cursor;
  readonly lineCount: number;
  readonly updatedAt: string;
  readonly fingerprint: SourceFingerprint;
}

/** Pure: the cursor document (reference keys first, opsfold's additions beside them). */
export const cursorDocument = (c: CursorDoc) => ({
  schemaVersion: 'v1',
  repoPath: c.repoPath,
  loopId: c.loopId,
  eventsFile: c.eventsPath,
  eventLineOffset: c.cursor.lines,
  eventLineCount: c.lineCount,
  updatedAt: c.updatedAt,
  eventByteOffset: c.cursor.byteOffset,
  eventsFingerprint: c.fingerprint,
});
