// The loop's mutation lock: `.opsfold/loop/<loop>/loop.lock`. A control intent (and any other command
// that changes the loop's manager state) holds it for the whole run; a second one fails fast with
// LockConflict (exit 75) instead of interleaving with the first.
import { join } from 'node:path';
import { withLock } from '../../../lib/io/lock.js';
import type { LoopPaths } from '../../cli/loop-paths.js';

/** The path whose `.lock` sibling is the loop's lock (pass it to withLock). */
export const loopLockTarget = (p: LoopPaths): string => join(p.opsfoldDir, 'loop');

/** Runs `fn` holding the loop's lock; throws LockConflict at once when another run holds it. */
export const withLoopLock = <T>(p: LoopPaths, fn: () => Promise<T>): Promise<T> =>
  withLock(loopLockTarget(p), { waitMs: 0 }, fn);
