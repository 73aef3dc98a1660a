// The files the dashboard reads for one loop (the Superloop layout and the manager's files, exactly
// where `opsfold loop status` looks) and where it keeps its own checkpoints for that loop.
import { promises as fsp } from 'node:fs';
import { join, relative, sep } from 'node:path';
import type { JsonValue } from '../../lib/core/json-schema.js';
import type { ClassifiedDoc } from '../../lib/dashboard/artifact-state.js';
import { Json } from '../../lib/dashboard/lenient.js';
import { confine } from '../../lib/io/confine.js';
import type { DocRead, Store } from '../../lib/io/store.js';
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

/** A document the Store read, as the page shows it (a document with only whitespace is empty). */
export const classifyRead = (shownAs: string, got: DocRead<JsonValue>): ClassifiedDoc => {
  const corrupt = (reason: string, at = { line: 1, byteOffset: 0 }): ClassifiedDoc => ({
    state: { file: shownAs, kind: 'corrupt', ...at, reason },
    value: null,
  });
  if (got.kind === 'found') return { state: { file: shownAs, kind: 'ok' }, value: got.value };
  if (got.kind === 'missing') return { state: { file: shownAs, kind: 'missing' }, value: null };
  const p = got.problem;
  if (p.kind === 'unreadable')
    return p.code === 'ENOTDIR'
      ? { state: { file: shownAs, kind: 'missing' }, value: null }
      : corrupt(`unreadable: ${p.code}`);
  if (p.kind === 'refused') return corrupt(`refused: ${p.reason}`);
  if (p.kind === 'undecodable') return corrupt(p.reason);
  if (blankAt(got.bytes, p)) return { state: { file: shownAs, kind: 'empty' }, value: null };
  return corrupt(`invalid JSON: ${p.reason}`, { line: p.line, byteOffset: p.byteOffset });
};

// A file of nothing but a BOM has its parse error at its end on line 1; whitespace-only text cannot
// be told from a truncated document by the error alone, so only an empty or BOM-only file is empty.
const blankAt = (bytes: number, p: { readonly line: number; readonly byteOffset: number }): boolean =>
  bytes === 0 || (bytes === 3 && p.line === 1 && p.byteOffset === 3);

/** Reads and classifies a small JSON document (state, health, cursor …), confined to the store's root. */
export const readDoc = async (store: Store, file: string, shownAs: string): Promise<ClassifiedDoc> =>
  classifyRead(shownAs, await store.read(file, Json));

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

/**
 * Why a log may not be read: its real location is outside `root` (a symlink out of the repo), or it is
 * not a regular file (a FIFO would block the reader); null when it may be read or does not exist.
 */
export const refusalOf = async (root: string, file: string): Promise<string | null> => {
  const c = await confine(root, file);
  if (!c.ok) return c.reason;
  const st = await fsp.stat(c.real).catch(() => null);
  if (st === null || st.isFile()) return null;
  return st.isFIFO() ? 'a FIFO' : 'not a regular file';
};
