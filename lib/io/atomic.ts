// Any file that is not append-only is replaced atomically: temp in the same directory, fsync, rename,
// fsync the directory. A crash leaves either the old bytes or the new, never a mix; on failure the
// temp file is removed and the previous file is left as it was.
import { randomBytes } from 'node:crypto';
import { basename, dirname, join } from 'node:path';
import { mkdirDurable, syncDir } from './durable-dir.js';
import { nodeSeam, type WriteSeam } from './fs-seam.js';
import { assertLocksHeld } from './lock.js';
import { stableJson } from '../core/stable-json.js';

// Only the directory fsync comes after the rename: when it fails the new bytes are already in place
// (but may not survive a crash), so the message must not claim the previous file was kept.
const AFTER_RENAME = 'fsync dir';

/** A write that failed; names the target and the step, and says which content the file now holds. */
export class AtomicWriteError extends Error {
  constructor(
    readonly file: string,
    readonly step: string,
    override readonly cause: unknown,
  ) {
    const code = (cause as NodeJS.ErrnoException | undefined)?.code ?? String(cause);
    const outcome =
      step === AFTER_RENAME
        ? 'the new content is in place but may not be durable'
        : 'the previous file is left unchanged';
    super(`cannot write ${file} (${step}: ${code}); ${outcome}`);
    this.name = 'AtomicWriteError';
  }
}

const step = async <T>(file: string, name: string, run: () => Promise<T>): Promise<T> => {
  try {
    return await run();
  } catch (err) {
    throw err instanceof AtomicWriteError ? err : new AtomicWriteError(file, name, err);
  }
};

/** Writes `data` to `file` atomically (temp → fsync → rename → fsync dir). */
export const writeFileAtomic = async (
  file: string,
  data: string | Buffer,
  seam: WriteSeam = nodeSeam,
): Promise<void> => {
  const dir = dirname(file);
  const tmp = join(dir, `.${basename(file)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
  await step(file, 'mkdir', () => mkdirDurable(dir, seam));
  const handle = await step(file, 'open', () => seam.open(tmp, 'wx', 0o644));
  try {
    await step(file, 'write', () => seam.write(handle, Buffer.isBuffer(data) ? data : Buffer.from(data)));
    await step(file, 'fsync', () => seam.fsync(handle));
    await step(file, 'close', () => handle.close());
    await assertLocksHeld(); // fencing: a holder that lost its lock replaces nothing
    await step(file, 'rename', () => seam.rename(tmp, file));
  } catch (err) {
    await handle.close().catch(() => undefined);
    await seam.unlink(tmp).catch(() => undefined);
    throw err;
  }
  await step(file, AFTER_RENAME, () => syncDir(dir, seam));
};

/** Writes sorted-key JSON with a trailing newline atomically, so re-runs give identical bytes. */
export const writeJsonAtomic = (
  file: string,
  value: unknown,
  seam: WriteSeam = nodeSeam,
  pretty = true,
): Promise<void> => writeFileAtomic(file, stableJson(value, pretty), seam);
