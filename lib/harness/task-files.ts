// The file-system facts an observation records: marker names and mtimes of memory/events/<task_id>.*,
// the newest file under a task's worktree, and its report files, read through the workspace's ports.
// A walk is bounded so a huge worktree cannot stall a watchdog cycle.
import type { MarkerSeen } from './observation-codec.js';
import type { Workspace, WorkspaceFs } from './workspace.js';
import { isoInZone } from './zone.js';

/** Files of memory/events named `<task_id>.<name>` (temp files of atomic writes are skipped). */
export const markersOf = async (ws: Workspace, taskId: string): Promise<MarkerSeen[]> => {
  const out: MarkerSeen[] = [];
  for (const d of await ws.fs.list(ws.eventsDir)) {
    if (!d.isFile || !d.name.startsWith(`${taskId}.`)) continue;
    const st = await ws.fs.stat(ws.fs.join(ws.eventsDir, d.name));
    if (st.mtimeMs !== null)
      out.push({ name: d.name.slice(taskId.length + 1), mtime: isoInZone(st.mtimeMs, ws.config.zone) });
  }
  return out;
};

/** Task ids that have at least one marker in memory/events. */
export const taskIdsWithMarkers = async (ws: Workspace): Promise<string[]> => {
  const ids = new Set<string>();
  for (const d of await ws.fs.list(ws.eventsDir)) {
    const dot = d.name.indexOf('.');
    if (d.isFile && dot > 0) ids.add(d.name.slice(0, dot));
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

const walk = async (fs: WorkspaceFs, dir: string, depth: number, acc: Newest): Promise<void> => {
  if (depth > MAX_DEPTH || acc.files >= MAX_FILES) return;
  for (const d of await fs.list(dir)) {
    const p = fs.join(dir, d.name);
    if (d.isDirectory && !SKIP.has(d.name)) await walk(fs, p, depth + 1, acc);
    if (!d.isFile) continue;
    acc.files += 1;
    const st = await fs.stat(p);
    if (st.mtimeMs !== null && (acc.ms === null || st.mtimeMs > acc.ms))
      Object.assign(acc, { ms: st.mtimeMs, path: p });
  }
};

/** The newest regular file under `dir` (bounded walk), or nulls when there is none. */
export const newestFile = async (
  fs: WorkspaceFs,
  dir: string,
): Promise<{ ms: number | null; path: string | null }> => {
  const acc: Newest = { ms: null, path: null, files: 0 };
  await walk(fs, dir, 0, acc);
  return { ms: acc.ms, path: acc.path };
};

/** Directories `.worktrees/<task_id>-*` (the team is the suffix). */
export const worktreesOf = async (ws: Workspace, taskId: string): Promise<string[]> =>
  (await ws.fs.list(ws.worktreesDir))
    .filter((d) => d.isDirectory && d.name.startsWith(`${taskId}-`))
    .map((d) => ws.fs.join(ws.worktreesDir, d.name));

/** Files of memory/reports whose name starts with the task id (and not a longer id). */
export const reportsOf = async (ws: Workspace, taskId: string): Promise<string[]> => {
  const own = new RegExp(`^${taskId.replace(/[-]/g, '\\-')}(?![0-9A-Za-z])`);
  return (await ws.fs.list(ws.reportsDir))
    .filter((d) => d.isFile && own.test(d.name))
    .map((d) => ws.fs.join(ws.reportsDir, d.name));
};
