// Finds the byte offset just past the Nth newline, for a cursor that carries only a line count (one
// written by the reference script). Streams; a one-time cost until opsfold has saved a byte cursor.
import { createReadStream } from 'node:fs';
import type { Cursor } from '../../lib/core/position.js';

/** The cursor after `lines` complete lines, or null when the file has fewer. */
export const cursorAfterLines = async (
  file: string,
  lines: number,
  until: number,
): Promise<Cursor | null> => {
  if (lines === 0) return { byteOffset: 0, lines: 0 };
  let seen = 0;
  let base = 0;
  for await (const chunk of createReadStream(file, {
    start: 0,
    end: Math.max(0, until - 1),
    highWaterMark: 1 << 20,
  })) {
    const buf = chunk as Buffer;
    for (let i = buf.indexOf(0x0a); i !== -1; i = buf.indexOf(0x0a, i + 1)) {
      seen += 1;
      if (seen === lines) return { byteOffset: base + i + 1, lines };
    }
    base += buf.length;
  }
  return null;
};
