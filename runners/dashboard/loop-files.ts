// The files the dashboard reads for one loop (the Superloop layout and the manager's files, exactly
// where `opsfold loop status` looks) and where it keeps its own checkpoints for that loop.
import { join, relative, sep } from 'node:path';
import type { LoopFiles } from '../../lib/dashboard/loop-files.js';
import { managerFiles } from '../cli/manager-files.js';
import { loopPaths } from '../cli/loop-paths.js';

/** The files of `loopId` under `repo`; `stateDir` is opsfold's own state root (<repo>/.opsfold). */
export const loopFiles = (repo: string, loopId: string, stateDir: string): LoopFiles => {
  const paths = loopPaths(repo, repo, loopId);
  const manager = managerFiles(paths, {}, repo);
  const shown = (file: string): string => {
    const rel = relative(repo, file);
    return rel.startsWith('..') ? file : rel.split(sep).join('/');
  };
  return {
    root: repo,
    paths,
    manager,
    checkpoints: join(stateDir, 'dashboard', loopId, 'checkpoints'),
    watched: [
      paths.events,
      paths.state,
      paths.runSummary,
      paths.activeRun,
      paths.approval,
      paths.heartbeat,
      ...Object.values(manager),
    ],
    dirs: [paths.loopDir, paths.managerDir, join(paths.managerDir, 'telemetry')],
    shown,
  };
};
