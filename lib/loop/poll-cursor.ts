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
  if (!(typeof offset === 'number' && Number.isInteger(offset) && offset >= 0))
    return E.left({
      message: `invalid cursor offset in ${file}`,
      details: [`${file}: $.eventLineOffset: expected a whole number, got ${JSON.stringify(offset)}`],
    });
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
