// A WriteSeam that hands each buffer to the disk in two to four pieces, yielding between them, the way
// a slow or network file system can. A SIGKILL between pieces leaves a genuine torn tail written by
// opsfold's own appender, which is what the kill harness needs to prove a torn tail is never consumed.
import { setTimeout as sleep } from 'node:timers/promises';
import { nodeSeam, type WriteSeam } from '../../lib/io/fs-seam.js';
import type { Rng } from './rng.js';

export const chunkySeam = (rng: Rng): WriteSeam => ({
  ...nodeSeam,
  write: async (handle, data) => {
    const pieces = 2 + rng.int(3);
    let at = 0;
    for (let i = 1; i <= pieces; i += 1) {
      const end = i === pieces ? data.length : Math.max(at, Math.floor((data.length * i) / pieces));
      await nodeSeam.write(handle, data.subarray(at, end));
      at = end;
      await sleep(rng.int(2));
    }
  },
});
