// Create-only writes for files that must never be overwritten (markers, snapshots, the cycle's runner
// lock): the bytes go to a private temp file first (write, fsync), then a hard link publishes them
// under the final name, which fails when the name exists — so a concurrent writer can never replace
// the file and no reader sees half of it. Where hard links are not supported (some network and
// Windows file systems) an exclusive copy still never overwrites an existing file.
import { randomBytes } from 'node:crypto';
import { constants, promises as fsp } from 'node:fs';
import { basename, dirname, join } from 'node:path';

export type WriteOnceResult = 'created' | 'exists';

const NO_LINKS = new Set(['EPERM', 'ENOTSUP', 'EOPNOTSUPP', 'ENOSYS', 'EXDEV']);

const syncDir = async (dir: string): Promise<void> => {
  const handle = await fsp.open(dir, 'r');
  // Some platforms cannot fsync a directory; the file itself is synced.
  await handle
    .sync()
    .catch(() => undefined)
    .finally(() => handle.close());
};

const publish = async (tmp: string, file: string): Promise<WriteOnceResult> => {
  try {
    await fsp.link(tmp, file);
    return 'created';
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? '';
    if (code === 'EEXIST') return 'exists';
    if (!NO_LINKS.has(code)) throw err;
  }
  return fsp.copyFile(tmp, file, constants.COPYFILE_EXCL).then(
    () => 'created' as const,
    (e: NodeJS.ErrnoException) => {
      if (e.code === 'EEXIST') return 'exists' as const;
      throw e;
    },
  );
};

/**
 * Publishes `data` at `file` unless a file of that name exists (then `exists`, nothing changed);
 * creates the directory. Throws only for I/O failures.
 */
export const writeOnce = async (file: string, data: string | Buffer): Promise<WriteOnceResult> => {
  const dir = dirname(file);
  await fsp.mkdir(dir, { recursive: true });
  const tmp = join(dir, `.${basename(file)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
  const handle = await fsp.open(tmp, 'wx', 0o644);
  try {
    await handle.writeFile(data);
    await handle.sync();
  } finally {
    await handle.close();
  }
  try {
    const result = await publish(tmp, file);
    if (result === 'created') await syncDir(dir);
    return result;
  } finally {
    await fsp.unlink(tmp).catch(() => undefined);
  }
};
