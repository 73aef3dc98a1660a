// Small reads the kernel needs in several places: a byte range of a file (a torn tail, the last
// consumed line, the head fingerprinted by a checkpoint) and newline counts of a buffer or range.
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

/** Number of `\n` bytes in [start, until) of `file`, read a MiB at a time into one buffer. */
export const newlinesInRange = async (file: string, start: number, until: number): Promise<number> => {
  if (until <= start) return 0;
  const handle = await fsp.open(file, 'r');
  try {
    const buf = Buffer.allocUnsafe(Math.min(1 << 20, until - start));
    let n = 0;
    for (let at = start; at < until;) {
      const { bytesRead } = await handle.read(buf, 0, Math.min(buf.length, until - at), at);
      if (bytesRead === 0) break;
      n += newlinesIn(buf.subarray(0, bytesRead));
      at += bytesRead;
    }
    return n;
  } finally {
    await handle.close();
  }
};
