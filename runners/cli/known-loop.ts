// A loop is known to a repository when it has a folder under `.superloop/loops/` (the runtime's) or
// under `.superloop/ops-manager/` (the manager's): a command that would write for a loop with
// neither, in a repo that has other loops, refuses before writing anything, naming the loops that do
// exist, so a typo'd --loop creates no files.
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { CliError } from './errors.js';
import type { LoopPaths } from './loop-paths.js';

const dirsIn = (dir: string): string[] => {
  try {
    return readdirSync(dir, { withFileTypes: true })
      .filter((e) => e.isDirectory())
      .map((e) => e.name);
  } catch {
    return []; // no such folder: no loops there
  }
};

/** The loop ids the repo holds (runtime and manager folders; the fleet's folder is not a loop). */
export const loopsIn = (repo: string): string[] => {
  const ids = new Set([
    ...dirsIn(join(repo, '.superloop', 'loops')),
    ...dirsIn(join(repo, '.superloop', 'ops-manager')).filter((d) => d !== 'fleet'),
  ]);
  return [...ids].sort();
};

/** The detail line listing the loops found, for an error about a loop that is not there. */
export const loopsFoundLine = (repo: string): string => {
  const ids = loopsIn(repo);
  return ids.length === 0
    ? `no loops found under ${join(repo, '.superloop')}`
    : `loops found: ${ids.join(', ')}`;
};

/**
 * Refuses (exit 1) a loop the repo has no folder for while it has folders for other loops: a typo,
 * named with the loops there are. A repo that is not there is left to the command's own check (its
 * wording), and a repo with no loop folders at all to the command itself: there the reference records
 * the failed pass (`snapshot_unavailable`) for a loop that has not started yet, and so does opsfold.
 */
export const requireKnownLoop = (p: LoopPaths): void => {
  if (!existsSync(p.repo) || existsSync(p.loopDir) || existsSync(p.managerDir)) return;
  const ids = loopsIn(p.repo);
  if (ids.length === 0) return;
  throw new CliError(`unknown loop: ${p.loopId} (in ${p.repo})`, [`loops found: ${ids.join(', ')}`]);
};
