// The last N records of a JSONL log, read backwards from the end in 64 KiB chunks: a telemetry
// window costs the window, not the months of history before it. Rules as the forward reader's: the
// unterminated last line is a torn tail (not a record yet), blank lines are skipped, a trailing `\r`
// and a BOM on line 1 are ignored, and an unparsable line in the window fails closed with
// file:line:byte (its line number is counted only then).
import { promises as fsp } from 'node:fs';
import { newlinesInRange } from '../../../lib/io/byte-range.js';
import { CorruptLineError } from '../../../lib/io/jsonl-errors.js';

const CHUNK = 64 * 1024;

interface RawLine {
  readonly text: string;
  readonly byteOffset: number;
}

/** Offset just past the last `\n` of the file (0 when there is none): where complete lines end. */
const completeEnd = async (handle: fsp.FileHandle, size: number, chunkSize: number): Promise<number> => {
  for (let pos = size; pos > 0;) {
    const start = Math.max(0, pos - chunkSize);
    const buf = Buffer.alloc(pos - start);
    await handle.read(buf, 0, buf.length, start);
    const nl = buf.lastIndexOf(0x0a);
    if (nl !== -1) return start + nl + 1;
    pos = start;
  }
  return 0;
};

const textOf = (buf: Buffer, byteOffset: number): string => {
  const body =
    byteOffset === 0 && buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf ? buf.subarray(3) : buf;
  return body.toString('utf8').replace(/\r$/, '');
};

/** Complete non-blank lines, newest first. */
async function* linesBackwards(
  handle: fsp.FileHandle,
  end: number,
  chunkSize: number,
): AsyncGenerator<RawLine> {
  let carry = Buffer.alloc(0);
  for (let pos = end; pos > 0;) {
    const start = Math.max(0, pos - chunkSize);
    const chunk = Buffer.alloc(pos - start);
    await handle.read(chunk, 0, chunk.length, start);
    const buf = Buffer.concat([chunk, carry]);
    // Every line in `buf` ends with `\n` (the last one at its end); the first may be cut by `start`.
    let lineEnd = buf.length - 1;
    // A negative fromIndex would search from the end again: stop at the buffer's first byte.
    for (let nl = lineEnd > 0 ? buf.lastIndexOf(0x0a, lineEnd - 1) : -1; nl !== -1;) {
      const text = textOf(buf.subarray(nl + 1, lineEnd), start + nl + 1);
      if (text.trim() !== '') yield { text, byteOffset: start + nl + 1 };
      lineEnd = nl;
      nl = lineEnd > 0 ? buf.lastIndexOf(0x0a, lineEnd - 1) : -1;
    }
    carry = buf.subarray(0, lineEnd + 1);
    pos = start;
  }
  const first = textOf(carry.subarray(0, Math.max(0, carry.length - 1)), 0);
  if (carry.length > 0 && first.trim() !== '') yield { text: first, byteOffset: 0 };
}

const parse = async (file: string, line: RawLine): Promise<unknown> => {
  try {
    return JSON.parse(line.text) as unknown;
  } catch (err) {
    const lineNo = (await newlinesInRange(file, 0, line.byteOffset)) + 1;
    throw new CorruptLineError(file, lineNo, line.byteOffset, `invalid JSON: ${(err as Error).message}`);
  }
};

/** The last `n` records of `file`, oldest first; missing file → []. `chunkSize` is for tests. */
export const tailJsonl = async (file: string, n: number, chunkSize = CHUNK): Promise<unknown[]> => {
  let handle: fsp.FileHandle;
  try {
    handle = await fsp.open(file, 'r');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw err;
  }
  try {
    const end = await completeEnd(handle, (await handle.stat()).size, chunkSize);
    const lines: RawLine[] = [];
    for await (const line of linesBackwards(handle, end, chunkSize)) {
      if (lines.length >= n) break;
      lines.push(line);
    }
    const out: unknown[] = [];
    for (const line of lines.reverse()) out.push(await parse(file, line));
    return out;
  } finally {
    await handle.close();
  }
};
