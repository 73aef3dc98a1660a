// Cheap checks on the files behind a loop before anything is read: a signature to tell whether
// anything changed, and whether a log may be opened at all (confined to the repo, a regular file).
import { promises as fsp } from 'node:fs';

/** The size of `file`; null when it does not exist. */
export const sizeOf = (file: string): Promise<number | null> =>
  fsp.stat(file).then(
    (st) => st.size,
    (err: NodeJS.ErrnoException) => (err.code === 'ENOENT' ? null : Promise.reject(err)),
  );

/** A cheap identity of the files (inode, size, mtime): when it is unchanged, nothing is re-read. */
export const signatureOf = async (files: readonly string[]): Promise<string> => {
  const parts = await Promise.all(
    files.map((f) =>
      fsp.stat(f).then(
        (s) => `${s.ino}:${s.size}:${s.mtimeMs}`,
        () => '-',
      ),
    ),
  );
  return parts.join('|');
};

/** Why a log may not be read (outside the repo, not a regular file); null when it may. */
export { readRefusal as refusalOf } from '../../lib/io/confine.js';
