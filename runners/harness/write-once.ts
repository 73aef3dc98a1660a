// Create-only atomic writes for markers that must never be overwritten (seed 004 §3.3): the bytes go to
// a temp file first (write, fsync), then a hard link publishes them under the final name, which fails
// if the name exists — so a concurrent writer can never replace a marker, and no reader sees half a file.
import { randomBytes } from 'node:crypto';
import { promises as fsp } from 'node:fs';
import { basename, dirname, join } from 'node:path';

export type WriteOnceResult = 'created' | 'exists';

/** Publishes `text` at `file` unless a file of that name exists; never replaces one. */
export const writeOnce = async (file: string, text: string): Promise<WriteOnceResult> => {
  const dir = dirname(file);
  await fsp.mkdir(dir, { recursive: true });
  const tmp = join(dir, `.${basename(file)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
  const handle = await fsp.open(tmp, 'wx', 0o644);
  try {
    await handle.writeFile(text);
    await handle.sync();
  } finally {
    await handle.close();
  }
  try {
    await fsp.link(tmp, file);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return 'exists';
    throw err;
  } finally {
    await fsp.unlink(tmp).catch(() => undefined);
  }
  const d = await fsp.open(dir, 'r');
  await d.sync().finally(() => d.close());
  return 'created';
};
