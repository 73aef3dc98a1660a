// Snapshots are never overwritten: `ops_run_YYYYMMDD_HHMMSS.json` is created exclusively (a fully written,
// fsynced temp file hard-linked to the name, which fails when the name exists); when a cycle of the same
// second already wrote that name, the next free `ops_run_YYYYMMDD_HHMMSS_<n>.json` is used.
import { promises as fsp } from 'node:fs';
import { join } from 'node:path';
import { confine, ConfinementError } from '../../lib/io/confine.js';
import { writeOnce } from '../../lib/io/write-once.js';

const NAME = /^ops_run_(\d{8}_\d{6})(?:_(\d+))?\.json$/;

const nameFor = (stamp: string, n: number): string =>
  n === 1 ? `ops_run_${stamp}.json` : `ops_run_${stamp}_${n}.json`;

/** Writes `text` as a new snapshot for `stamp` under `dir`, which must stay under `root`; the file written. */
export const writeNewSnapshot = async (
  root: string,
  dir: string,
  stamp: string,
  text: string,
): Promise<string> => {
  const c = await confine(root, dir);
  if (!c.ok) throw new ConfinementError(c.path, c.reason);
  for (let n = 1; ; n += 1) {
    const file = join(dir, nameFor(stamp, n));
    if ((await writeOnce(file, text)) === 'created') return file;
  }
};

/** The snapshot file names under `dir`, sorted (oldest first); none when the directory is missing. */
export const snapshotNames = async (dir: string): Promise<string[]> => {
  const names = await fsp.readdir(dir).catch((err: NodeJS.ErrnoException) => {
    if (err.code === 'ENOENT') return [] as string[];
    throw err;
  });
  return names.filter((n) => NAME.test(n)).sort();
};

const runIdOf = (raw: string): unknown => {
  try {
    return (JSON.parse(raw) as { run_id?: unknown } | null)?.run_id;
  } catch {
    return undefined;
  }
};

/** True when a snapshot at or after `fromStamp` (every one when null) carries `runId`. */
export const hasSnapshotOfRun = async (
  dir: string,
  runId: string,
  fromStamp: string | null,
): Promise<boolean> => {
  const floor = fromStamp === null ? '' : `ops_run_${fromStamp}`;
  for (const name of await snapshotNames(dir)) {
    if (name < floor) continue;
    const raw = await fsp.readFile(join(dir, name), 'utf8').catch(() => '');
    if (raw.includes(runId) && runIdOf(raw) === runId) return true;
  }
  return false;
};
