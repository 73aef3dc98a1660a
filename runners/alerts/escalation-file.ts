// Reading escalations.jsonl the way alert dispatch needs it: complete lines from a cursor (a blank line
// is a row too: the reference counts it), never the unterminated last line (a torn tail: the writer is
// still at it), the byte offset of the reference's line cursor when only the line count is known, and
// one row again by its byte offset (to retry it).
import { createHash } from 'node:crypto';
import { createReadStream, promises as fsp } from 'node:fs';
import type { Cursor, SourceFingerprint } from '../../lib/core/position.js';
import { newlinesInRange } from '../../lib/io/byte-range.js';
import { fingerprintAt, type LastLine } from '../../lib/io/checkpoints.js';
import { fileSource } from '../../lib/io/source.js';
import { LineSplitter } from '../../lib/io/line-splitter.js';
import type { RowLine } from '../../lib/alerts/row-step.js';

const shaOf = (text: string): string => createHash('sha256').update(text).digest('hex');

/** Complete lines after `from`, up to byte `until` (the size when the run began). */
export async function* readRows(file: string, from: Cursor, until: number): AsyncGenerator<RowLine> {
  if (until <= from.byteOffset) return;
  const splitter = new LineSplitter(from);
  const stream = createReadStream(file, { start: from.byteOffset, end: until - 1, highWaterMark: 1 << 16 });
  try {
    for await (const chunk of stream) {
      for (const l of splitter.push(chunk as Buffer)) yield { ...l, sha256: shaOf(l.text) };
    }
  } finally {
    stream.destroy();
  }
}

/** The row starting at `byteOffset`, or null when no complete line starts there. */
export const readRowAt = async (file: string, byteOffset: number, line: number): Promise<RowLine | null> => {
  const size = (await fsp.stat(file).catch(() => null))?.size ?? 0;
  for await (const row of readRows(file, { byteOffset, lines: line - 1 }, size)) return row;
  return null;
};

export interface Start {
  readonly cursor: Cursor;
  readonly lastLine: LastLine | null;
  readonly note: string | null;
}

/** Walks from the start to just past line `lines`; `found` is how many complete lines there were. */
const walkTo = async (file: string, lines: number, size: number) => {
  let last: RowLine | null = null;
  let found = 0;
  if (lines > 0) {
    for await (const row of readRows(file, { byteOffset: 0, lines: 0 }, size)) {
      last = row;
      found = row.line;
      if (found >= lines) break;
    }
  }
  const cursor = { byteOffset: last?.end ?? 0, lines: found };
  return { cursor, lastLine: last === null ? null : { byteOffset: last.byteOffset, end: last.end } };
};

export interface SavedCursor {
  readonly lines: number;
  readonly byteOffset: number | null;
  readonly fingerprint: SourceFingerprint | null;
}

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
  file: string,
  saved: SavedCursor,
  size: number,
): Promise<Start | { readonly ahead: number }> => {
  if (saved.lines === 0) return { cursor: { byteOffset: 0, lines: 0 }, lastLine: null, note: null };
  if (saved.byteOffset !== null && saved.fingerprint !== null) {
    const resumed = await fileSource(file).resume({
      byteOffset: saved.byteOffset,
      lines: saved.lines,
      fingerprint: saved.fingerprint,
    });
    if (resumed.kind === 'resumed') return { cursor: resumed.from, lastLine: resumed.lastLine, note: null };
  }
  const walked = await walkTo(file, saved.lines, size);
  if (walked.cursor.lines < saved.lines) return { ahead: walked.cursor.lines };
  const note =
    saved.byteOffset === null
      ? null
      : 'escalations file changed under the byte cursor; resumed by line count';
  return { ...walked, note };
};

/** The file's size when it is a regular file, else null (missing, or a FIFO: never opened, never hangs). */
export const fileSize = async (file: string): Promise<number | null> => {
  const st = await fsp.stat(file).catch(() => null);
  return st?.isFile() === true ? st.size : null;
};

/** Complete lines in the file (what `wc -l` counts), from a known cursor on. */
export const lineCountFrom = async (file: string, cursor: Cursor, until: number): Promise<number> =>
  cursor.lines + (await newlinesInRange(file, cursor.byteOffset, until));

/** The fingerprint to save with a cursor. */
export const fingerprintOf = (
  file: string,
  cursor: Cursor,
  lastLine: LastLine | null,
): Promise<SourceFingerprint> => fingerprintAt(file, cursor, lastLine);
