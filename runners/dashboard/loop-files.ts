// The files the dashboard reads for one loop (the Superloop layout and the manager's files, exactly
// where `opsfold loop status` looks) and where it keeps its own checkpoints for that loop.
import { promises as fsp } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { classifyJsonDoc, type ClassifiedDoc } from '../../lib/dashboard/artifact-state.js';
import { managerFiles, type ManagerFiles } from '../cli/manager-files.js';
import { loopPaths, type LoopPaths } from '../cli/loop-paths.js';

export interface LoopFiles {
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
    paths,
    manager,
    checkpoints: join(stateDir, 'dashboard', loopId, 'checkpoints'),
    watched: [paths.events, paths.state, ...Object.values(manager)],
    dirs: [paths.loopDir, paths.managerDir, join(paths.managerDir, 'telemetry')],
    shown,
  };
};

/** Reads and classifies a small JSON document (state, health, cursor …). */
export const readDoc = async (file: string, shownAs: string): Promise<ClassifiedDoc> => {
  let text: string | null;
  try {
    text = await fsp.readFile(file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code !== 'ENOENT' && code !== 'ENOTDIR') {
      const reason = `unreadable: ${code ?? (err as Error).message}`;
      return { state: { file: shownAs, kind: 'corrupt', line: 1, byteOffset: 0, reason }, value: null };
    }
    text = null;
  }
  return classifyJsonDoc(shownAs, text);
};

/** A cheap identity of the files (inode, size, mtime): when it is unchanged, nothing is re-read. */
export const signatureOf = async (files: readonly string[]): Promise<string> => {
  const parts = await Promise.all(
    files.map((f) =>
      fsp.stat(f).then(
        (s) => `${s.ino}:${s.size}:${s.mtimeMs}`,
        () => '-',
      ),
    ),
  );
  return parts.join('|');
};
