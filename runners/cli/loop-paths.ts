// Where a loop's artifacts live under a repo (the Superloop layout) and where opsfold keeps its own
// state for that loop. A loop id is a single path segment: anything else could escape the repo.
import { statSync, type Stats } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { DEFAULT_STATE_DIR, isLoopIdSegment, loopArtifacts, opsfoldLoopDir } from '../../lib/loop/layout.js';
import { required, str, type Values } from './command.js';
import { CliError, usageError } from './errors.js';
import { repoRoot } from './repo-root.js';

export interface LoopPaths {
  readonly repo: string;
  readonly loopId: string;
  readonly loopDir: string;
  readonly events: string;
  readonly runSummary: string;
  readonly state: string;
  readonly activeRun: string;
  readonly approval: string;
  readonly heartbeat: string;
  readonly managerDir: string;
  readonly opsfoldDir: string;
}

/** Refuses a loop id that is empty, has a path separator, or is `.`/`..` (exit 64). */
export const checkLoopId = (loopId: string): string => {
  if (!isLoopIdSegment(loopId)) {
    throw usageError(
      `invalid loop id: ${JSON.stringify(loopId)}`,
      'a loop id is one path segment: no "/", "\\" or ".."',
    );
  }
  return loopId;
};

/**
 * Refuses a state directory (`.opsfold` or --state-dir) that is, or lies under, something other than a
 * directory, naming it: otherwise the first mkdir under it fails with a bare ENOTDIR deep in a step.
 */
const statOrNull = (path: string): Stats | null => {
  try {
    return statSync(path);
  } catch {
    return null; // missing, or under a file (ENOTDIR): the walk goes on up to what is there
  }
};

const checkStateDir = (root: string, loopDir: string): void => {
  for (let d = loopDir; d.startsWith(root); d = dirname(d)) {
    const st = statOrNull(d);
    if (st === null) continue;
    if (!st.isDirectory()) throw new CliError(`state directory is not a directory: ${d}`);
    return;
  }
};

/**
 * Resolves the repo (runners/cli/repo-root.ts: found upward when omitted) and the loop's artifact
 * paths. The repo need not exist: project-state from envelope files never reads it, and the read
 * commands fail on the missing artifact root instead.
 */
export const loopPaths = (
  cwd: string,
  repoArg: string | undefined,
  loopArg: string,
  stateDir?: string,
): LoopPaths => {
  const loopId = checkLoopId(loopArg);
  const repo = repoRoot(cwd, repoArg);
  const a = loopArtifacts(loopId);
  const stateRoot = stateDir === undefined ? join(repo, DEFAULT_STATE_DIR) : resolve(cwd, stateDir);
  const opsfoldDir = join(stateRoot, ...opsfoldLoopDir(loopId));
  checkStateDir(stateRoot, opsfoldDir);
  return {
    repo,
    loopId,
    loopDir: join(repo, ...a.loopDir),
    events: join(repo, ...a.events),
    runSummary: join(repo, ...a.runSummary),
    state: join(repo, ...a.state),
    activeRun: join(repo, ...a.activeRun),
    approval: join(repo, ...a.approval),
    heartbeat: join(repo, ...a.heartbeat),
    managerDir: join(repo, ...a.managerDir),
    opsfoldDir,
  };
};

/** The loop's paths from a command's --repo (optional), --loop (required) and --state-dir. */
export const loopPathsOf = (v: Values, cwd: string): LoopPaths =>
  loopPaths(cwd, str(v, 'repo'), required(v, 'loop'), str(v, 'state-dir'));
