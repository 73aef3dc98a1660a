// Locks on `<file>.lock` directories (lib/io/lock-dir.ts), configured so they cannot surprise an
// operator: retries are explicit, staleness is explicit, takeover of a stale lock is exclusive, and a
// lock lost while held is reported as LockCompromised (exit 75) instead of crashing from a timer.
// Fencing: every write through lib/io (atomic writes, appends) first checks that each lock the calling
// code holds is still its own and fresh, so a holder paused past the stale time, whose lock another
// process took over, writes nothing more. The calling code is its async context, except in a one-shot
// command (one-shot.ts), where it is the whole process: a lost lock there fences every write.
// Importing this module touches no process globals; an exit listener that removes held locks exists
// only while a lock is held.
import { AsyncLocalStorage } from 'node:async_hooks';
import fs from 'node:fs';
import { dirname } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { nodeSeam } from './fs-seam.js';
import { isOneShot } from './one-shot.js';
import { lostBecause, releaseLockDir, touchLockDir, tryLockDir, type LockDirHeld } from './lock-dir.js';

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

interface Holding {
  readonly file: string;
  readonly held: LockDirHeld;
  readonly staleMs: number;
  lost: string | null;
  // Set once withLock let go: work started under the lock that outlives it is not fenced by it.
  released: boolean;
}

// The locks held by the calling async context, by lock directory (a nested take-over of the same
// path, as a test does, replaces the entry rather than stacking it).
const context = new AsyncLocalStorage<ReadonlyMap<string, Holding>>();
// A one-shot command's locks, without an async context (entering one switches on promise hooks).
const processHeld = new Map<string, Holding>();
const everHeld = new Set<Holding>();

const removeOnExit = (): void => {
  for (const h of everHeld) {
    const st = fs.statSync(h.held.dir, { bigint: true, throwIfNoEntry: false });
    if (st !== undefined && st.ino === h.held.ino && st.dev === h.held.dev)
      fs.rmSync(h.held.dir, { force: true, recursive: true });
  }
};

const track = (h: Holding, on: boolean): void => {
  if (on) everHeld.add(h);
  else everHeld.delete(h);
  const listening = process.listeners('exit').includes(removeOnExit);
  if (everHeld.size > 0 && !listening) process.on('exit', removeOnExit);
  if (everHeld.size === 0 && listening) process.off('exit', removeOnExit);
};

/**
 * The fence: throws LockCompromised when a lock held by the calling code was lost (removed, taken over,
 * or not refreshed within its stale time). lib/io calls it before each write.
 */
export const assertLocksHeld = async (): Promise<void> => {
  const held = isOneShot() ? processHeld : context.getStore();
  if (held === undefined) return;
  for (const h of held.values()) {
    if (h.released) continue;
    h.lost ??= await lostBecause(h.held, h.staleMs);
    if (h.lost !== null) throw new LockCompromised(h.file, new Error(h.lost));
  }
};

const acquire = async (file: string, options: LockOptions, staleMs: number): Promise<LockDirHeld> => {
  const step = 50;
  const deadline = Date.now() + options.waitMs;
  for (;;) {
    const held = await tryLockDir(`${file}.lock`, staleMs);
    if (held !== null) return held;
    if (Date.now() + step > deadline) throw new LockConflict(file);
    await sleep(step);
  }
};

const refresher = (h: Holding): NodeJS.Timeout => {
  const timer = setInterval(
    () => {
      void touchLockDir(h.held)
        .then((ours) => {
          if (!ours) h.lost ??= `${h.held.dir} was removed or taken over`;
        })
        .catch((err: unknown) => {
          h.lost ??= err instanceof Error ? err.message : String(err);
        });
    },
    Math.max(100, Math.floor(h.staleMs / 3)),
  );
  timer.unref();
  return timer;
};

/** Runs `fn` with `h` among the locks its writes are fenced by. */
const holding = async <T>(h: Holding, fn: () => Promise<T>): Promise<T> => {
  if (!isOneShot()) return context.run(new Map([...(context.getStore() ?? []), [h.held.dir, h]]), fn);
  const outer = processHeld.get(h.held.dir);
  processHeld.set(h.held.dir, h);
  try {
    return await fn();
  } finally {
    // Only our own entry is put back: a holder that replaced it since keeps its place.
    if (processHeld.get(h.held.dir) === h) {
      if (outer === undefined) processHeld.delete(h.held.dir);
      else processHeld.set(h.held.dir, outer);
    }
  }
};

/** Runs `fn` while holding `<file>.lock`; LockConflict when another holder keeps it past `waitMs`. */
export const withLock = async <T>(file: string, options: LockOptions, fn: () => Promise<T>): Promise<T> => {
  const staleMs = options.staleMs ?? 10_000;
  await nodeSeam.mkdir(dirname(file));
  const held = await acquire(file, options, staleMs);
  const h: Holding = { file, held, staleMs, lost: null, released: false };
  track(h, true);
  const timer = refresher(h);
  try {
    const result = await holding(h, fn);
    h.lost ??= await lostBecause(held, staleMs);
    if (h.lost !== null) throw new LockCompromised(file, new Error(h.lost));
    return result;
  } finally {
    h.released = true;
    clearInterval(timer);
    await releaseLockDir(held).catch(() => undefined);
    track(h, false);
  }
};
