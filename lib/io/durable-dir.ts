// A new directory entry (a created file, a created directory) survives a crash only once its parent
// directory is fsynced. These helpers do that for what a write creates, through the write seam.
import { fsp } from './direct-fs.js';
import { dirname, resolve } from 'node:path';
import type { WriteSeam } from './fs-seam.js';

/** Fsyncs the directory `dir` (its entries: files created, renamed or removed in it). */
export const syncDir = async (dir: string, seam: WriteSeam): Promise<void> => {
  const handle = await seam.open(dir, 'r');
  try {
    await seam.fsync(handle);
  } finally {
    await handle.close();
  }
};

const exists = (path: string): Promise<boolean> =>
  fsp.stat(path).then(
    () => true,
    () => false,
  );

// Directory syncs for what a write created go straight to node:fs, not through the seam: the seam's
// calls are the write's own steps (fault tests count them), and these come before or after them.
const syncCreated = async (dir: string): Promise<void> => {
  const handle = await fsp.open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
};

/** After creating the file `file`: makes its directory entry durable. */
export const syncNewEntry = (file: string): Promise<void> => syncCreated(dirname(file));

/** `mkdir -p dir` through the seam, then fsyncs the parent of each directory it created, outermost first. */
export const mkdirDurable = async (dir: string, seam: WriteSeam): Promise<void> => {
  const created: string[] = [];
  for (let d = resolve(dir); !(await exists(d)) && dirname(d) !== d; d = dirname(d)) created.unshift(d);
  await seam.mkdir(dir);
  for (const d of created) await syncCreated(dirname(d));
};
