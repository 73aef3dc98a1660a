// Snapshots are never overwritten: `ops_run_YYYYMMDD_HHMMSS.json` is created exclusively (a fully written,
// fsynced temp file hard-linked to the name, which fails when the name exists); when a cycle of the same
// second already wrote that name, the next free `ops_run_YYYYMMDD_HHMMSS_<n>.json` is used.
import { constants as fsConstants, promises as fsp } from 'node:fs';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';

const NAME = /^ops_run_(\d{8}_\d{6})(?:_(\d+))?\.json$/;

const NO_LINKS = new Set(['EPERM', 'ENOTSUP', 'EOPNOTSUPP', 'ENOSYS', 'EXDEV']);

const nameFor = (stamp: string, n: number): string =>
  n === 1 ? `ops_run_${stamp}.json` : `ops_run_${stamp}_${n}.json`;

const syncDir = async (dir: string): Promise<void> => {
  const handle = await fsp.open(dir, 'r');
  try {
    await handle.sync();
  } catch {
    // Some platforms cannot fsync a directory; the file itself is synced.
  } finally {
    await handle.close();
  }
};

const linkFree = async (tmp: string, dir: string, stamp: string): Promise<string> => {
  for (let n = 1; ; n += 1) {
    const file = join(dir, nameFor(stamp, n));
    try {
      await fsp.link(tmp, file);
      return file;
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code ?? '';
      if (code === 'EEXIST') continue;
      if (!NO_LINKS.has(code)) throw err;
      // No hard links here: an exclusive copy still never overwrites an existing snapshot.
      const copied = await fsp.copyFile(tmp, file, fsConstants.COPYFILE_EXCL).then(
        () => true,
        (e: NodeJS.ErrnoException) => {
          if (e.code === 'EEXIST') return false;
          throw e;
        },
      );
      if (copied) return file;
    }
  }
};

/** Writes `text` as a new snapshot for `stamp` under `dir`; resolves to the file written. */
export const writeNewSnapshot = async (dir: string, stamp: string, text: string): Promise<string> => {
  await fsp.mkdir(dir, { recursive: true });
  const tmp = join(dir, `.ops_run_${stamp}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
  const handle = await fsp.open(tmp, 'wx', 0o644);
  try {
    await handle.writeFile(text);
    await handle.sync();
  } finally {
    await handle.close();
  }
  try {
    const file = await linkFree(tmp, dir, stamp);
    await syncDir(dir);
    return file;
  } finally {
    await fsp.unlink(tmp).catch(() => undefined);
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
