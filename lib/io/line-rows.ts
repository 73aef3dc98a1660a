// Reading a line file by position, for callers that keep their own cursor: complete lines from a
// cursor up to a byte bound (a blank line is a line too; the unterminated last line, a torn tail, is
// never handed out), each with the sha256 of its text, and the one line starting at a byte offset.
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { fsp } from './direct-fs.js';
import type { Cursor } from '../core/position.js';
import { newlinesInRange } from './byte-range.js';
import { LineSplitter, type RawLine } from './line-splitter.js';
import { maxLineBytes } from './line-limit.js';

/** A complete line with the sha256 (hex) of its text. */
export interface DigestLine extends RawLine {
  readonly sha256: string;
}

const shaOf = (text: string): string => createHash('sha256').update(text).digest('hex');

/** Complete lines after `from`, up to byte `until` (the size when the run began). */
export async function* readLines(file: string, from: Cursor, until: number): AsyncGenerator<DigestLine> {
  if (until <= from.byteOffset) return;
  const splitter = new LineSplitter(from, maxLineBytes());
  const stream = createReadStream(file, { start: from.byteOffset, end: until - 1, highWaterMark: 1 << 16 });
  try {
    for await (const chunk of stream) {
      for (const l of splitter.push(chunk as Buffer)) yield { ...l, sha256: shaOf(l.text) };
    }
  } finally {
    stream.destroy();
  }
}

/** The line numbered `line` starting at `byteOffset`, or null when no complete line starts there. */
export const readLineAt = async (
  file: string,
  byteOffset: number,
  line: number,
): Promise<DigestLine | null> => {
  const size = (await fsp.stat(file).catch(() => null))?.size ?? 0;
  for await (const row of readLines(file, { byteOffset, lines: line - 1 }, size)) return row;
  return null;
};

/** The file's size when it is a regular file, else null (missing, or a FIFO: never opened, never hangs). */
export const regularFileSize = async (file: string): Promise<number | null> => {
  const st = await fsp.stat(file).catch(() => null);
  return st?.isFile() === true ? st.size : null;
};

/** Complete lines in the file (what `wc -l` counts), from a known cursor up to byte `until`. */
export const lineCountFrom = async (file: string, cursor: Cursor, until: number): Promise<number> =>
  cursor.lines + (await newlinesInRange(file, cursor.byteOffset, until));
