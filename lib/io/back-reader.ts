// Reads a log backwards from a line boundary in byte chunks: newest-first pages, recent windows and
// "the latest record" cost the lines read, never the file before them. Every line is handed out
// (blank ones too, so the caller can number lines); a BOM on line 1 and a trailing `\r` are dropped
// as the forward reader (jsonl.ts) does. The one backwards reader: last-record, the telemetry tail
// and the dashboard all use it.
import { fsp, type Handle } from './direct-fs.js';

export const CHUNK = 64 * 1024;

export interface BackLine {
  readonly byteOffset: number;
  readonly text: string;
  readonly blank: boolean;
}

const BLANK = /^[ \t\r]*$/;

const lineOf = (buf: Buffer, byteOffset: number): BackLine => {
  const body =
    byteOffset === 0 && buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf ? buf.subarray(3) : buf;
  const text = body.toString('utf8').replace(/\r$/, '');
  return { byteOffset, text, blank: BLANK.test(text) };
};

/** Offset just past the last `\n` at or before `end` (0 when there is none): where complete lines end. */
export const completeEnd = async (handle: Handle, end: number, chunk = CHUNK): Promise<number> => {
  for (let pos = end; pos > 0;) {
    const start = Math.max(0, pos - chunk);
    const buf = Buffer.alloc(pos - start);
    await handle.read(buf, 0, buf.length, start);
    const nl = buf.lastIndexOf(0x0a);
    if (nl !== -1) return start + nl + 1;
    pos = start;
  }
  return 0;
};

/** Is `offset` the start of a line (0, or just past a `\n`)? */
export const isLineStart = async (handle: Handle, offset: number): Promise<boolean> => {
  if (offset === 0) return true;
  const b = Buffer.alloc(1);
  const { bytesRead } = await handle.read(b, 0, 1, offset - 1);
  return bytesRead === 1 && b[0] === 0x0a;
};

/**
 * Lines that end at or before `end` (which must be a line start), newest first. `end` itself is
 * excluded: the line starting there belongs to the next page.
 */
export async function* linesBackwards(handle: Handle, end: number, chunk = CHUNK): AsyncGenerator<BackLine> {
  let carry = Buffer.alloc(0);
  for (let pos = end; pos > 0;) {
    const start = Math.max(0, pos - chunk);
    const part = Buffer.alloc(pos - start);
    await handle.read(part, 0, part.length, start);
    const buf = carry.length === 0 ? part : Buffer.concat([part, carry]);
    // Every complete line in `buf` ends with `\n`; the first may be cut at `start`.
    let lineEnd = buf.length - 1;
    for (let nl = lineEnd > 0 ? buf.lastIndexOf(0x0a, lineEnd - 1) : -1; nl !== -1;) {
      yield lineOf(buf.subarray(nl + 1, lineEnd), start + nl + 1);
      lineEnd = nl;
      nl = lineEnd > 0 ? buf.lastIndexOf(0x0a, lineEnd - 1) : -1;
    }
    carry = buf.subarray(0, lineEnd + 1);
    pos = start;
  }
  if (carry.length > 0) yield lineOf(carry.subarray(0, carry.length - 1), 0);
}

/** Opens `file` for reading; null when it does not exist. */
export const openIfExists = async (file: string): Promise<Handle | null> => {
  try {
    return await fsp.open(file, 'r');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw err;
  }
};
