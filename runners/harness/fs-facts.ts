// File-system facts the observation records: marker names and mtimes of memory/events/<task_id>.*,
// the newest file under a task's worktree, report files, and plain stats. Never follows symlinks out
// of the tree; a walk is bounded so a huge worktree cannot stall a watchdog cycle.
import { promises as fsp, type Dirent } from 'node:fs';
import { join } from 'node:path';
import type { MarkerSeen } from '../../lib/harness/observation-codec.js';
import { isoInZone } from '../../lib/harness/zone.js';

export interface FileStat {
  readonly exists: boolean;
  readonly mtimeMs: number | null;
  readonly size: number;
}

export const statFile = async (file: string): Promise<FileStat> => {
  const st = await fsp.stat(file).catch(() => null);
  return st === null || !st.isFile()
    ? { exists: false, mtimeMs: null, size: 0 }
    : { exists: true, mtimeMs: st.mtimeMs, size: st.size };
};

export const readDir = async (dir: string): Promise<Dirent[]> =>
  (await fsp.readdir(dir, { withFileTypes: true }).catch(() => [] as Dirent[])).sort((a, b) =>
    a.name < b.name ? -1 : a.name > b.name ? 1 : 0,
  );

/** Files of memory/events named `<task_id>.<name>` (temp files of atomic writes are skipped). */
export const markersOf = async (eventsDir: string, taskId: string, zone: string): Promise<MarkerSeen[]> => {
  const out: MarkerSeen[] = [];
  for (const d of await readDir(eventsDir)) {
    if (!d.isFile() || !d.name.startsWith(`${taskId}.`)) continue;
    const st = await statFile(join(eventsDir, d.name));
    if (st.mtimeMs !== null)
      out.push({ name: d.name.slice(taskId.length + 1), mtime: isoInZone(st.mtimeMs, zone) });
  }
  return out;
};

/** Task ids that have at least one marker in memory/events. */
export const taskIdsWithMarkers = async (eventsDir: string): Promise<string[]> => {
  const ids = new Set<string>();
  for (const d of await readDir(eventsDir)) {
    const dot = d.name.indexOf('.');
    if (d.isFile() && dot > 0) ids.add(d.name.slice(0, dot));
  }
  return [...ids].sort();
};

const SKIP = new Set(['.git', 'node_modules']);
const MAX_DEPTH = 6;
const MAX_FILES = 5000;

interface Newest {
  ms: number | null;
  path: string | null;
  files: number;
}

const walk = async (dir: string, depth: number, acc: Newest): Promise<void> => {
  if (depth > MAX_DEPTH || acc.files >= MAX_FILES) return;
  for (const d of await readDir(dir)) {
    const p = join(dir, d.name);
    if (d.isDirectory() && !SKIP.has(d.name)) await walk(p, depth + 1, acc);
    if (!d.isFile()) continue;
    acc.files += 1;
    const st = await statFile(p);
    if (st.mtimeMs !== null && (acc.ms === null || st.mtimeMs > acc.ms))
      Object.assign(acc, { ms: st.mtimeMs, path: p });
  }
};

/** The newest regular file under `dir` (bounded walk), or nulls when there is none. */
export const newestFile = async (dir: string): Promise<{ ms: number | null; path: string | null }> => {
  const acc: Newest = { ms: null, path: null, files: 0 };
  await walk(dir, 0, acc);
  return { ms: acc.ms, path: acc.path };
};

/** Directories `<worktreesDir>/<task_id>-*` (the team is the suffix). */
export const worktreesOf = async (worktreesDir: string, taskId: string): Promise<string[]> =>
  (await readDir(worktreesDir))
    .filter((d) => d.isDirectory() && d.name.startsWith(`${taskId}-`))
    .map((d) => join(worktreesDir, d.name));

/** Files of memory/reports whose name starts with the task id (and not a longer id). */
export const reportsOf = async (reportsDir: string, taskId: string): Promise<string[]> => {
  const own = new RegExp(`^${taskId.replace(/[-]/g, '\\-')}(?![0-9A-Za-z])`);
  return (await readDir(reportsDir))
    .filter((d) => d.isFile() && own.test(d.name))
    .map((d) => join(reportsDir, d.name));
};
