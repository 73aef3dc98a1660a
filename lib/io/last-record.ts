// The last complete record of a JSONL file, read backwards from the end in small chunks: status views
// need "the latest control / reconcile / delivery" without reading months of telemetry. A torn last
// line (no newline yet) is not a record; blank lines are skipped. A FIFO, directory or device is refused
// (an error naming it), never opened for a read that could block.
import * as E from 'fp-ts/lib/Either.js';
import { constants } from 'node:fs';
import { fsp, type Handle } from './direct-fs.js';
import { parseJson } from '../core/codec.js';
import { StepError } from '../core/step-error.js';
import { completeEnd, linesBackwards } from './back-reader.js';

/** A log that is a FIFO, directory or device: the CLI prints its one `error:` line (exit 1). */
export class NotRegularFile extends StepError {}

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
  let handle: Handle;
  try {
    // O_NONBLOCK: opening a FIFO with no writer would block (and hold the process) forever.
    handle = await fsp.open(file, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return { kind: 'none' };
    if (code === 'EISDIR') throw new NotRegularFile(`${file}: not a regular file (a directory)`);
    throw err;
  }
  try {
    const st = await handle.stat();
    if (!st.isFile())
      throw new NotRegularFile(`${file}: not a regular file${st.isFIFO() ? ' (a FIFO)' : ''}`);
    // Everything after the last newline is a torn tail: not a record yet.
    const end = await completeEnd(handle, st.size);
    for await (const line of linesBackwards(handle, end))
      if (line.text.trim() !== '') return parse(line.text, line.byteOffset);
    return { kind: 'none' };
  } finally {
    await handle.close();
  }
};
