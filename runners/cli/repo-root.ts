// Which repository a command works on. The marker is a `.superloop/` folder (every loop, manager and
// fleet file lives under it): with --repo omitted, the nearest directory holding one at or above the
// working directory; with --repo naming a folder inside a repository (a loop's own folder, say), the
// nearest such directory at or above it, else the folder as named (a command may create the layout).
import { statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { str, type Values } from './command.js';
import { usageError } from './errors.js';

export const REPO_MARKER = '.superloop';

const isDir = (path: string): boolean => {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false; // missing or unreadable: not a marker
  }
};

/** The nearest directory at or above `start` that holds the marker folder, or null. */
export const findRepoRoot = (start: string): string | null => {
  for (let d = resolve(start); ; d = dirname(d)) {
    if (isDir(join(d, REPO_MARKER))) return d;
    if (dirname(d) === d) return null;
  }
};

/** The repository for `--repo <given>` (resolved against cwd), or found upward from cwd when omitted. */
export const repoRoot = (cwd: string, given: string | undefined): string => {
  if (given === undefined || given === '') {
    const found = findRepoRoot(cwd);
    if (found === null)
      throw usageError(
        `--repo is required: no ${REPO_MARKER}/ folder in ${resolve(cwd)} or any folder above it`,
      );
    return found;
  }
  const named = resolve(cwd, given);
  return findRepoRoot(named) ?? named;
};

/** `--repo` of a command's values, resolved as `repoRoot` does. */
export const repoOf = (v: Values, cwd: string): string => repoRoot(cwd, str(v, 'repo'));
