// Marker and artifact metadata as the reference scripts report it: exists, size, newline count
// (what `wc -l` prints), sha256 and mtime in epoch seconds. Streams the file; never loads it whole.
import { createHash } from 'node:crypto';
import { createReadStream, promises as fsp } from 'node:fs';
import { newlinesIn } from './byte-range.js';

export interface MarkerStat {
  readonly exists: boolean;
  readonly sizeBytes: number;
  readonly lineCount: number;
  readonly sha256: string | null;
  readonly mtimeEpoch: number | null;
}

export const absentMarker: MarkerStat = {
  exists: false,
  sizeBytes: 0,
  lineCount: 0,
  sha256: null,
  mtimeEpoch: null,
};

/** Exists/size/lines/sha256/mtime of a regular file; `absentMarker` when it is missing or not a file. */
export const statMarker = async (file: string): Promise<MarkerStat> => {
  const st = await fsp.stat(file).catch(() => null);
  if (st === null || !st.isFile()) return absentMarker;
  const hash = createHash('sha256');
  let lineCount = 0;
  for await (const chunk of createReadStream(file, { highWaterMark: 1 << 20 })) {
    hash.update(chunk as Buffer);
    lineCount += newlinesIn(chunk as Buffer);
  }
  return {
    exists: true,
    sizeBytes: st.size,
    lineCount,
    sha256: hash.digest('hex'),
    mtimeEpoch: Math.floor(st.mtimeMs / 1000),
  };
};
