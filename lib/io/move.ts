// Moving a file within a root: the claim step of a work queue kept as files (an outbox file moved into
// a claims folder belongs to the run that moved it). Both paths are confined to the root like the
// Store's (a symlink out is refused); the move is one rename(2), so it is atomic and at most one of two
// racing movers wins: the loser finds the source gone and is told so, not thrown at.
import { promises as fsp } from 'node:fs';
import { dirname } from 'node:path';
import { confine, ConfinementError } from './confine.js';

/** What a move did: `moved`, or `missing` when the source was not there (another mover took it). */
export type MoveResult = 'moved' | 'missing';

const confined = async (root: string, path: string): Promise<string> => {
  const c = await confine(root, path);
  if (!c.ok) throw new ConfinementError(c.path, c.reason);
  return c.path;
};

/**
 * Renames `from` to `to` (relative to `root`, or absolute and then checked), creating `to`'s folder.
 * An existing `to` is replaced, as rename(2) does. ConfinementError for a path outside the root.
 */
export const moveWithin = async (root: string, from: string, to: string): Promise<MoveResult> => {
  const src = await confined(root, from);
  const dst = await confined(root, to);
  await fsp.mkdir(dirname(dst), { recursive: true });
  try {
    await fsp.rename(src, dst);
    return 'moved';
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return 'missing';
    throw err;
  }
};
