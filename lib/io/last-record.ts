// The last complete record of a JSONL file, read backwards from the end in small chunks: status views
// need "the latest control / reconcile / delivery" without reading months of telemetry. A torn last
// line (no newline yet) is not a record; blank lines are skipped.
import * as E from 'fp-ts/lib/Either.js';
import { promises as fsp } from 'node:fs';
import { parseJson } from '../core/codec.js';
import { completeEnd, linesBackwards } from './back-reader.js';

export type LastRecord =
  | { readonly kind: 'none' }
  | { readonly kind: 'record'; readonly value: unknown; readonly byteOffset: number }
  | { readonly kind: 'unparsable'; readonly byteOffset: number; readonly reason: string };

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
    const end = await completeEnd(handle, (await handle.stat()).size);
    for await (const line of linesBackwards(handle, end))
      if (line.text.trim() !== '') return parse(line.text, line.byteOffset);
    return { kind: 'none' };
  } finally {
    await handle.close();
  }
};
