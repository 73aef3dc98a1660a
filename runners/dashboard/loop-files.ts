// The files the dashboard reads for one loop (the Superloop layout and the manager's files, exactly
// where `opsfold loop status` looks) and where it keeps its own checkpoints for that loop.
import { join, relative, sep } from 'node:path';
import type { ClassifiedDoc } from '../../lib/dashboard/artifact-state.js';
import { classifyRead } from '../../lib/dashboard/doc-read.js';
import { Json } from '../../lib/dashboard/lenient.js';
import type { Store } from '../../lib/io/store.js';
import { managerFiles, type ManagerFiles } from '../cli/manager-files.js';
import { loopPaths, type LoopPaths } from '../cli/loop-paths.js';

export interface LoopFiles {
  /** The repo every file must lie in. */
  readonly root: string;
  readonly paths: LoopPaths;
  readonly manager: ManagerFiles;
  /** <state-dir>/dashboard/<loop>/checkpoints */
  readonly checkpoints: string;
  /** Every file whose change can change the loop's views (for change detection). */
  readonly watched: readonly string[];
  /** The directories to watch for those changes. */
  readonly dirs: readonly string[];
  readonly shown: (file: string) => string;
}

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
    watched: [paths.events, paths.state, ...Object.values(manager)],
    dirs: [paths.loopDir, paths.managerDir, join(paths.managerDir, 'telemetry')],
    shown,
  };
};

/** Reads and classifies a small JSON document (state, health, cursor …), confined to the store's root. */
export const readDoc = async (store: Store, file: string, shownAs: string): Promise<ClassifiedDoc> =>
  classifyRead(shownAs, await store.read(file, Json));
