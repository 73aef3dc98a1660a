// Any file that is not append-only is replaced atomically: temp in the same directory, fsync, rename,
// fsync the directory. A crash leaves either the old bytes or the new, never a mix; on failure the
// temp file is removed and the previous file is left as it was.
import { randomBytes } from 'node:crypto';
import { basename, dirname, join } from 'node:path';
import { nodeSeam, type WriteSeam } from './fs-seam.js';
import { stableJson } from '../core/stable-json.js';

/** A write that failed; names the target and the step, and says the previous file is intact. */
export class AtomicWriteError extends Error {
  constructor(
    readonly file: string,
    readonly step: string,
    override readonly cause: unknown,
  ) {
    const code = (cause as NodeJS.ErrnoException | undefined)?.code ?? String(cause);
    super(`cannot write ${file} (${step}: ${code}); the previous file is left unchanged`);
    this.name = 'AtomicWriteError';
  }
}

const syncDir = async (dir: string, seam: WriteSeam): Promise<void> => {
  const handle = await seam.open(dir, 'r');
  try {
    await seam.fsync(handle);
  } finally {
    await handle.close();
  }
};

const step = async <T>(file: string, name: string, run: () => Promise<T>): Promise<T> => {
  try {
    return await run();
  } catch (err) {
    throw err instanceof AtomicWriteError ? err : new AtomicWriteError(file, name, err);
  }
};

/** Writes `data` to `file` atomically (temp → fsync → rename → fsync dir). */
export const writeFileAtomic = async (file: string, data: string | Buffer, seam: WriteSeam = nodeSeam): Promise<void> => {
  const dir = dirname(file);
  const tmp = join(dir, `.${basename(file)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
  await step(file, 'mkdir', () => seam.mkdir(dir));
  const handle = await step(file, 'open', () => seam.open(tmp, 'wx', 0o644));
  try {
    await step(file, 'write', () => seam.write(handle, Buffer.isBuffer(data) ? data : Buffer.from(data)));
    await step(file, 'fsync', () => seam.fsync(handle));
    await handle.close();
    await step(file, 'rename', () => seam.rename(tmp, file));
  } catch (err) {
    await handle.close().catch(() => undefined);
    await seam.unlink(tmp).catch(() => undefined);
    throw err;
  }
  await step(file, 'fsync dir', () => syncDir(dir, seam));
};

/** Writes sorted-key JSON with a trailing newline atomically, so re-runs give identical bytes. */
export const writeJsonAtomic = (file: string, value: unknown, seam: WriteSeam = nodeSeam, pretty = true): Promise<void> =>
  writeFileAtomic(file, stableJson(value, pretty), seam);
