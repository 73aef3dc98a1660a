// Lock directories a kill left behind, aged past stale by the parent: it stands in for the 10 s the
// runners wait before a lock is stale, so a kill costs no time yet the next command still has to take
// the stale lock over (lib/io/lock-dir.ts).
import { promises as fsp } from 'node:fs';
import { join } from 'node:path';

const LONG_AGO = new Date(Date.now() - 3_600_000);

/** Ages every lock directory under `dir` (`*.lock`, `*.lock.takeover`) past any stale period. */
export const ageLocks = async (dir: string): Promise<number> => {
  let n = 0;
  const entries = await fsp.readdir(dir, { withFileTypes: true }).catch(() => []);
  for (const e of entries) {
    if (!e.isDirectory() || e.name === '.git') continue;
    const path = join(dir, e.name);
    if (/\.lock(\.takeover)?$/.test(e.name)) {
      await fsp.utimes(path, LONG_AGO, LONG_AGO).catch(() => undefined);
      n += 1;
    } else n += await ageLocks(path);
  }
  return n;
};
