// Locks over proper-lockfile, configured so they cannot surprise an operator: retries are explicit,
// staleness is explicit, and a compromised lock is reported as an error instead of crashing the
// process from a timer. A lock that stays held past the retries is a typed LockConflict (exit 75).
// proper-lockfile is imported on the first lock, not with this module: loading it installs
// signal-exit, which patches process.emit and adds exit and signal listeners, and importing the
// library must leave the host process's globals alone.
import { dirname } from 'node:path';
import { nodeSeam } from './fs-seam.js';

export class LockConflict extends Error {
  constructor(readonly file: string) {
    super(`lock held by another process: ${file}.lock`);
    this.name = 'LockConflict';
  }
}

export class LockCompromised extends Error {
  constructor(
    readonly file: string,
    override readonly cause: unknown,
  ) {
    super(`lock on ${file} was lost while held (${cause instanceof Error ? cause.message : String(cause)})`);
    this.name = 'LockCompromised';
  }
}

export interface LockOptions {
  /** How long to keep retrying (ms): 0 fails fast (reconcile-style), 10 000 for appenders. */
  readonly waitMs: number;
  /** A lock not refreshed for this long is stale and may be taken over. */
  readonly staleMs?: number;
}

/** Runs `fn` while holding `<file>.lock`; LockConflict when another holder keeps it past `waitMs`. */
export const withLock = async <T>(file: string, options: LockOptions, fn: () => Promise<T>): Promise<T> => {
  const staleMs = options.staleMs ?? 10_000;
  let compromised: unknown = null;
  const step = 50;
  const retries = Math.ceil(options.waitMs / step);
  let release: () => Promise<void>;
  await nodeSeam.mkdir(dirname(file));
  const lockfile = (await import('proper-lockfile')).default;
  try {
    release = await lockfile.lock(file, {
      realpath: false,
      stale: staleMs,
      update: Math.max(1000, Math.floor(staleMs / 2)),
      retries: retries === 0 ? 0 : { retries, factor: 1, minTimeout: step, maxTimeout: step },
      onCompromised: (err) => {
        compromised = err;
      },
    });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ELOCKED') throw new LockConflict(file);
    throw err;
  }
  try {
    const result = await fn();
    if (compromised !== null) throw new LockCompromised(file, compromised);
    return result;
  } finally {
    await release().catch(() => undefined);
  }
};
