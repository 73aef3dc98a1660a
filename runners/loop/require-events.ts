// The read commands fail closed on a loop whose directory or events log is missing, and never follow
// a symlink out of the repo: a loop reads its own repo and nothing else.
import { existsSync, realpathSync, statSync, type Stats } from 'node:fs';
import { sep } from 'node:path';
import { CliError } from '../cli/errors.js';
import type { LoopPaths } from '../cli/loop-paths.js';
import { loopsFoundLine } from '../cli/known-loop.js';

/** Refuses a path that a symlink resolves outside the repo: a loop reads its own repo and nothing else. */
const insideRepo = (p: LoopPaths, path: string): void => {
  const root = realpathSync(p.repo);
  const real = realpathSync(path);
  if (real !== root && !real.startsWith(`${root}${sep}`))
    throw new CliError(`artifact resolves outside the repo: ${path}`, [
      `${path} -> ${real} (symlinks out of ${root} are not followed)`,
    ]);
};

const kindOf = (st: Stats): string => {
  if (st.isDirectory()) return 'a directory';
  if (st.isFIFO()) return 'a FIFO';
  if (st.isSocket()) return 'a socket';
  return 'a device';
};

/**
 * Fails closed when the loop's directory or its events log is missing (reference wording), or when the
 * log is not a regular file: a directory cannot be read, and a FIFO's read would block forever while
 * the loop's lock is held.
 */
export const requireEvents = (p: LoopPaths): void => {
  if (!existsSync(p.loopDir))
    throw new CliError(`required artifact root missing: ${p.loopDir}`, [loopsFoundLine(p.repo)]);
  if (!existsSync(p.events)) throw new CliError(`required artifact missing: ${p.events}`);
  const st = statSync(p.events);
  if (!st.isFile())
    throw new CliError(`required artifact is not a regular file: ${p.events}`, [
      `${p.events} is ${kindOf(st)}`,
    ]);
  insideRepo(p, p.loopDir);
  insideRepo(p, p.events);
};
