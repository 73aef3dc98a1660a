// The last N records of a JSONL log, read backwards from the end in 64 KiB chunks: a telemetry
// window costs the window, not the months of history before it. Rules as the forward reader's: the
// unterminated last line is a torn tail (not a record yet), blank lines are skipped, a trailing `\r`
// and a BOM on line 1 are ignored, and an unparsable line in the window fails closed with
// file:line:byte (its line number is counted only then).
import { fsp, type Handle } from '../../../lib/io/direct-fs.js';
import { newlinesInRange } from '../../../lib/io/byte-range.js';
import { CorruptLineError } from '../../../lib/io/jsonl-errors.js';
import { CHUNK, completeEnd, linesBackwards } from '../../../lib/io/back-reader.js';

interface RawLine {
  readonly text: string;
  readonly byteOffset: number;
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
  let handle: Handle;
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
      if (line.text.trim() !== '') lines.push(line);
    }
    const out: unknown[] = [];
    for (const line of lines.reverse()) out.push(await parse(file, line));
    return out;
  } finally {
    await handle.close();
  }
};
