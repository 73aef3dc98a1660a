// Where alert dispatch resumes escalations.jsonl: the reference keeps a line cursor, opsfold a byte
// offset and fingerprint beside it. The line files are read through the edge (complete lines only: a
// torn tail is never consumed).
import type { Cursor } from '../core/position.js';
import type { LastLine } from '../io/checkpoints.js';
import type { Edge } from '../io/node-edge.js';
import type { SavedCursor } from './dispatch-cursor.js';
import type { RowLine } from './row-step.js';

export interface Start {
  readonly cursor: Cursor;
  readonly lastLine: LastLine | null;
  readonly note: string | null;
}

/** Walks from the start to just past line `lines`; `found` is how many complete lines there were. */
const walkTo = async (lines: Edge['lines'], file: string, count: number, size: number) => {
  let last: RowLine | null = null;
  let found = 0;
  if (count > 0) {
    for await (const row of lines.read(file, { byteOffset: 0, lines: 0 }, size)) {
      last = row;
      found = row.line;
      if (found >= count) break;
    }
  }
  const cursor = { byteOffset: last?.end ?? 0, lines: found };
  return { cursor, lastLine: last === null ? null : { byteOffset: last.byteOffset, end: last.end } };
};

/**
 * Where to resume: the saved byte offset when its fingerprint still matches, else the byte offset of
 * the reference's line cursor, found by counting lines once. `ahead` is the file's line count when it
 * has fewer lines than the cursor.
 *
 * Unlike `loop poll`, a `truncated` or `rotated` answer from Source.resume does not fail closed here:
 * the state file is the reference's, whose only cursor is `escalationsLineOffset`, and the reference
 * resumes at that line of whatever file is there now (it cannot tell a rotated log). Failing closed
 * would stop dispatch on state files the reference wrote or rewrote (no byte offset, or one left stale
 * by a reference run in between), so opsfold keeps the reference's reading and says so in a note. It
 * fails only where the reference does: the file has fewer lines than the cursor. Re-sending is still
 * bounded: the delivery ledger keys each delivery by line and row digest.
 */
export const resumeAt = async (
  lines: Edge['lines'],
  file: string,
  saved: SavedCursor,
  size: number,
): Promise<Start | { readonly ahead: number }> => {
  if (saved.lines === 0) return { cursor: { byteOffset: 0, lines: 0 }, lastLine: null, note: null };
  if (saved.byteOffset !== null && saved.fingerprint !== null) {
    const resumed = await lines.resume(file, {
      byteOffset: saved.byteOffset,
      lines: saved.lines,
      fingerprint: saved.fingerprint,
    });
    if (resumed.kind === 'resumed') return { cursor: resumed.from, lastLine: resumed.lastLine, note: null };
  }
  const walked = await walkTo(lines, file, saved.lines, size);
  if (walked.cursor.lines < saved.lines) return { ahead: walked.cursor.lines };
  const note =
    saved.byteOffset === null
      ? null
      : 'escalations file changed under the byte cursor; resumed by line count';
  return { ...walked, note };
};
