// A loop is known to a repository when it has a folder under `.superloop/loops/` (the runtime's) or
// under `.superloop/ops-manager/` (the manager's): a command that would write for a loop with
// neither refuses before writing anything, naming the loops that do exist, so a typo'd --loop
// creates no files.
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
 * Refuses (exit 1) a loop the repo has no folder for, listing the loops it has. A repo that is not
 * there at all is left to the command's own check, which names it in the command's wording.
 */
export const requireKnownLoop = (p: LoopPaths): void => {
  if (!existsSync(p.repo) || existsSync(p.loopDir) || existsSync(p.managerDir)) return;
  throw new CliError(`unknown loop: ${p.loopId} (in ${p.repo})`, [loopsFoundLine(p.repo)]);
};
