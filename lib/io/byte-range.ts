// Small reads the kernel needs in several places: a byte range of a file (a torn tail, the last
// consumed line, the head fingerprinted by a checkpoint) and newline counts of a buffer or range.
import { createReadStream } from 'node:fs';
import { fsp } from './direct-fs.js';

/** The bytes [start, end) of `file`; shorter when the file ends first. */
export const readRange = async (file: string, start: number, end: number): Promise<Buffer> => {
  const handle = await fsp.open(file, 'r');
  try {
    const buf = Buffer.alloc(Math.max(0, end - start));
    let done = 0;
    while (done < buf.length) {
      const { bytesRead } = await handle.read(buf, done, buf.length - done, start + done);
      if (bytesRead === 0) break;
      done += bytesRead;
    }
    return buf.subarray(0, done);
  } finally {
    await handle.close();
  }
};

/** Number of `\n` bytes in `buf` (what `wc -l` counts). */
export const newlinesIn = (buf: Buffer): number => {
  let n = 0;
  for (let i = buf.indexOf(0x0a); i !== -1; i = buf.indexOf(0x0a, i + 1)) n += 1;
  return n;
};

/** Number of `\n` bytes in [start, until) of `file`, streamed. */
export const newlinesInRange = async (file: string, start: number, until: number): Promise<number> => {
  if (until <= start) return 0;
  let n = 0;
  for await (const chunk of createReadStream(file, { start, end: until - 1, highWaterMark: 1 << 18 })) {
    n += newlinesIn(chunk as Buffer);
  }
  return n;
};
