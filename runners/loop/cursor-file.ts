// The poll cursor file: the reference's keys (eventLineOffset, eventLineCount …) plus opsfold's
// `eventByteOffset` and `eventsFingerprint`, so a resume reads only appended bytes and can tell a
// truncated or rotated log from a grown one. A cursor written by the reference (no byte offset) is
// honoured by counting lines once.
import * as E from 'fp-ts/lib/Either.js';
import type { Cursor, SourceFingerprint } from '../../lib/core/position.js';
import { PollCursor } from '../../lib/loop/codecs.js';
import { CliError } from '../cli/errors.js';
import { readJsonDoc } from '../cli/json-doc.js';

export interface SavedCursor {
  readonly lines: number;
  readonly byteOffset: number | null;
  readonly fingerprint: SourceFingerprint | null;
}

/** Reads the cursor file; absent → null; invalid JSON or offset → the reference's error lines. */
export const readCursorFile = async (file: string): Promise<SavedCursor | null> => {
  const doc = await readJsonDoc(file, `invalid JSON in cursor file: ${file}`);
  if (!doc.found) return null;
  const v: Record<string, unknown> =
    doc.value !== null && typeof doc.value === 'object' ? (doc.value as Record<string, unknown>) : {};
  const offset = v['eventLineOffset'] ?? 0;
  if (!(typeof offset === 'number' && Number.isInteger(offset) && offset >= 0)) {
    throw new CliError(`invalid cursor offset in ${file}`, [
      `${file}: $.eventLineOffset: expected a whole number, got ${JSON.stringify(offset)}`,
    ]);
  }
  const decoded = PollCursor.decode(v);
  const bytes = E.isRight(decoded) ? decoded.right.eventByteOffset : undefined;
  const fp = v['eventsFingerprint'];
  return {
    lines: offset,
    byteOffset: typeof bytes === 'number' ? bytes : null,
    fingerprint: fp !== null && typeof fp === 'object' ? (fp as SourceFingerprint) : null,
  };
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
