// The origin's runner lock, `state/ops_runner.lock` ({run_id, locked_at} JSON), not a proper-lockfile
// directory. Creation is exclusive (O_EXCL semantics): the content is written and fsynced in a private
// temp file opened with O_EXCL, then hard-linked to the lock name, which fails when the lock exists — so
// no reader ever sees a half-written lock (lib/io/write-once.ts; an exclusive copy where hard links are
// not supported). A stale lock (asOf − locked_at >= 60 s, or unreadable) is moved aside with one atomic
// rename, so of two cycles taking over the same stale lock only one succeeds.
import { promises as fsp } from 'node:fs';
import { dirname } from 'node:path';
import { decodeLock, readLock, type LockReading } from '../../lib/cycle/lock-rules.js';
import type { OpsRunnerLock } from '../../lib/cycle/codecs-safety.js';
import type { Acquired, LockClock } from '../../lib/cycle/ports.js';
import { writeFileAtomic } from '../../lib/io/atomic.js';
import { writeOnce } from '../../lib/io/write-once.js';

const text = (lock: OpsRunnerLock): string => `${JSON.stringify(lock)}\n`;

// Never JSON, so a refused lock reads as unreadable, hence stale (the origin's rule), and is never ours.
const REFUSED = '\u0000refused';

const absent = (err: NodeJS.ErrnoException): null => {
  if (err.code === 'ENOENT') return null;
  throw err;
};

/**
 * The lock's text. This run only ever creates a regular file there, so a symlink (which could point
 * out of the root) or a FIFO or device (whose read could block forever) is refused, not read.
 */
const readText = async (file: string): Promise<string | null> => {
  const st = await fsp.lstat(file).catch(absent);
  if (st === null) return null;
  if (!st.isFile() && !st.isDirectory()) return REFUSED;
  return fsp.readFile(file, 'utf8').catch(absent);
};

const parsed = (raw: string): unknown => {
  try {
    return JSON.parse(raw) as unknown;
  } catch {
    return null;
  }
};

/** Moves a stale lock aside if it is still the one judged stale; false when someone else changed it. */
const moveAside = async (file: string, seen: string, runId: string): Promise<boolean> => {
  const aside = `${file}.stale.${runId}`;
  try {
    await fsp.rename(file, aside);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return true;
    throw err;
  }
  const moved = await readText(aside);
  if (moved !== seen) {
    // Another cycle replaced the stale lock first: give its lock back and yield to it.
    await fsp.link(aside, file).catch(() => undefined);
    await fsp.unlink(aside).catch(() => undefined);
    return false;
  }
  await fsp.unlink(aside).catch(() => undefined);
  return true;
};

/** Takes the lock for `lock.run_id`, or reports who holds it. */
export const acquireLock = async (file: string, lock: OpsRunnerLock, clock: LockClock): Promise<Acquired> => {
  await fsp.mkdir(dirname(file), { recursive: true });
  let replaced: (LockReading & { kind: 'stale' }) | null = null;
  for (let attempt = 0; attempt < 3; attempt += 1) {
    if ((await writeOnce(file, text(lock))) === 'created') return { kind: 'acquired', replaced };
    const seen = await readText(file);
    if (seen === null) continue;
    const reading = readLock(decodeLock(parsed(seen)), clock.asOfMs, clock.zone);
    if (reading.kind === 'held') return { kind: 'held', lock: reading.lock, ageMs: reading.ageMs };
    if (!(await moveAside(file, seen, lock.run_id))) break;
    replaced = reading;
  }
  const now = await readText(file);
  const reading = now === null ? null : readLock(decodeLock(parsed(now)), clock.asOfMs, clock.zone);
  return {
    kind: 'held',
    lock: reading?.lock ?? null,
    ageMs: reading?.kind === 'held' ? reading.ageMs : null,
  };
};

/** True when the lock file still names `runId`. */
export const ownsLock = async (file: string, runId: string): Promise<boolean> => {
  const raw = await readText(file).catch(() => null);
  const v = raw === null ? null : parsed(raw);
  return (v as { run_id?: unknown } | null)?.run_id === runId;
};

/** Rewrites the lock this run holds (intent, heartbeat); false (nothing written) when it is not ours. */
export const updateLock = async (file: string, lock: OpsRunnerLock): Promise<boolean> => {
  if (!(await ownsLock(file, lock.run_id))) return false;
  await writeFileAtomic(file, text(lock));
  return true;
};

/** Removes the lock if this run still holds it; false when it was gone or another run's (left alone). */
export const releaseLock = async (file: string, runId: string): Promise<boolean> => {
  if (!(await ownsLock(file, runId))) return false;
  await fsp.unlink(file).catch(() => undefined);
  return true;
};
