// One lock directory, `<file>.lock`, taken with mkdir (atomic create-if-absent). Its identity is the
// directory's inode: whoever's inode sits at the path holds the lock, so a holder can check before
// each write that it still does (fencing). A stale lock (mtime older than staleMs) is taken over only
// through a second gate directory, `<file>.lock.takeover`, and re-judged under it: two contenders that
// both saw the lock stale cannot both replace it, because the second finds the first one's fresh lock.
import { randomBytes } from 'node:crypto';
import { fsp } from './direct-fs.js';

export interface LockDirHeld {
  readonly dir: string;
  readonly ino: bigint;
  readonly dev: bigint;
}

interface Seen {
  readonly ino: bigint;
  readonly dev: bigint;
  readonly mtimeMs: number;
}

const code = (err: unknown): string | undefined => (err as NodeJS.ErrnoException | undefined)?.code;

const mkdirOnce = async (dir: string): Promise<boolean> => {
  try {
    await fsp.mkdir(dir);
    return true;
  } catch (err) {
    if (code(err) === 'EEXIST') return false;
    throw err;
  }
};

/** The directory's identity and age; null when nothing is there. */
export const seeDir = async (dir: string): Promise<Seen | null> => {
  try {
    const st = await fsp.stat(dir, { bigint: true });
    return { ino: st.ino, dev: st.dev, mtimeMs: Number(st.mtimeMs) };
  } catch (err) {
    if (code(err) === 'ENOENT' || code(err) === 'ENOTDIR') return null;
    throw err;
  }
};

const same = (a: Seen | LockDirHeld | null, b: Seen | LockDirHeld | null): boolean =>
  a !== null && b !== null && a.ino === b.ino && a.dev === b.dev;

export const isStale = (seen: Seen, staleMs: number): boolean => Date.now() - seen.mtimeMs > staleMs;

const heldAt = async (dir: string): Promise<LockDirHeld | null> => {
  const seen = await seeDir(dir);
  return seen === null ? null : { dir, ino: seen.ino, dev: seen.dev };
};

/**
 * Moves `dir` aside if it is still the directory judged stale (`seen`) and removes it. A different
 * directory moved by mistake (its holder released and a new one took the path in between) is put back.
 */
const removeIfStill = async (dir: string, seen: Seen): Promise<boolean> => {
  const aside = `${dir}.stale.${process.pid}.${randomBytes(4).toString('hex')}`;
  try {
    await fsp.rename(dir, aside);
  } catch (err) {
    if (code(err) === 'ENOENT') return true;
    throw err;
  }
  if (!same(await seeDir(aside), seen)) {
    await fsp.rename(aside, dir).catch(() => undefined);
    return false;
  }
  await fsp.rm(aside, { recursive: true, force: true });
  return true;
};

/** A gate left by a contender killed mid-takeover would block takeovers forever: clear it once stale. */
const clearStaleGate = async (gate: string, staleMs: number): Promise<void> => {
  const seen = await seeDir(gate);
  if (seen !== null && isStale(seen, staleMs)) await removeIfStill(gate, seen);
};

const takeOver = async (dir: string, staleMs: number): Promise<LockDirHeld | null> => {
  const gate = `${dir}.takeover`;
  if (!(await mkdirOnce(gate))) {
    await clearStaleGate(gate, staleMs);
    return null;
  }
  try {
    const now = await seeDir(dir);
    if (now !== null && !isStale(now, staleMs)) return null;
    if (now !== null && !(await removeIfStill(dir, now))) return null;
    return (await mkdirOnce(dir)) ? heldAt(dir) : null;
  } finally {
    await fsp.rmdir(gate).catch(() => undefined);
  }
};

/** One attempt: the lock when it was free or stale and is now ours, null when someone else holds it. */
export const tryLockDir = async (dir: string, staleMs: number): Promise<LockDirHeld | null> => {
  if (await mkdirOnce(dir)) return heldAt(dir);
  const seen = await seeDir(dir);
  if (seen === null) return (await mkdirOnce(dir)) ? heldAt(dir) : null;
  return isStale(seen, staleMs) ? takeOver(dir, staleMs) : null;
};

/** Null while the lock is still ours and fresh; otherwise why it is not. */
export const lostBecause = async (held: LockDirHeld, staleMs: number): Promise<string | null> => {
  const now = await seeDir(held.dir);
  if (!same(now, held)) return `${held.dir} was removed or taken over`;
  if (now !== null && isStale(now, staleMs)) return `${held.dir} was not refreshed within ${staleMs} ms`;
  return null;
};

/** Marks the lock fresh, only if it is still ours (never refreshes a lock another process took). */
export const touchLockDir = async (held: LockDirHeld): Promise<boolean> => {
  if (!same(await seeDir(held.dir), held)) return false;
  const now = new Date();
  await fsp.utimes(held.dir, now, now);
  return true;
};

/** Removes the lock, only if it is still ours. */
export const releaseLockDir = async (held: LockDirHeld): Promise<void> => {
  if (same(await seeDir(held.dir), held)) await fsp.rmdir(held.dir).catch(() => undefined);
};
