// The last complete record of a JSONL file, read backwards from the end in small chunks: status views
// need "the latest control / reconcile / delivery" without reading months of telemetry. A torn last
// line (no newline yet) is not a record; blank lines are skipped.
import * as E from 'fp-ts/lib/Either.js';
import { promises as fsp } from 'node:fs';
import { parseJson } from '../core/codec.js';

const CHUNK = 64 * 1024;

export type LastRecord =
  | { readonly kind: 'none' }
  | { readonly kind: 'record'; readonly value: unknown; readonly byteOffset: number }
  | { readonly kind: 'unparsable'; readonly byteOffset: number; readonly reason: string };

/** Index of the last `\n` in [0, before) of the file, or -1. */
const newlineBefore = async (handle: fsp.FileHandle, before: number): Promise<number> => {
  for (let pos = before; pos > 0;) {
    const start = Math.max(0, pos - CHUNK);
    const buf = Buffer.alloc(pos - start);
    await handle.read(buf, 0, buf.length, start);
    const nl = buf.lastIndexOf(0x0a);
    if (nl !== -1) return start + nl;
    pos = start;
  }
  return -1;
};

const parse = (text: string, byteOffset: number): LastRecord => {
  const parsed = parseJson(text);
  return E.isRight(parsed)
    ? { kind: 'record', value: parsed.right, byteOffset }
    : { kind: 'unparsable', byteOffset, reason: parsed.left };
};

/** The last complete record of `file`; `none` when the file is missing or holds no complete line. */
export const lastRecord = async (file: string): Promise<LastRecord> => {
  let handle: fsp.FileHandle;
  try {
    handle = await fsp.open(file, 'r');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { kind: 'none' };
    throw err;
  }
  try {
    // Everything after the last newline is a torn tail: not a record yet.
    let lineEnd = await newlineBefore(handle, (await handle.stat()).size);
    while (lineEnd >= 0) {
      const start = (await newlineBefore(handle, lineEnd)) + 1;
      const buf = Buffer.alloc(lineEnd - start);
      await handle.read(buf, 0, buf.length, start);
      const text = buf.toString('utf8').replace(/\r$/, '');
      if (text.trim() !== '') return parse(text, start);
      lineEnd = start - 1;
    }
    return { kind: 'none' };
  } finally {
    await handle.close();
  }
};
