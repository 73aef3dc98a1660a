// The file-system facts of an observation: the task's worktree and newest artifact (worktree files,
// reports, bot markers) and the scheduler's output and history for its schedule id, stamped in the
// configured zone with paths relative to the root.
import { isBotMarker } from './markers.js';
import type { MarkerSeen, Observation } from './observation-codec.js';
import { instantMs, newestOf } from './observation-parts.js';
import { newestFile, reportsOf, worktreesOf } from './task-files.js';
import type { Workspace } from './workspace.js';
import { isoInZone } from './zone.js';

const SAFE = /^[A-Za-z0-9][A-Za-z0-9_.-]*$/;

const schedulerFacts = async (ws: Workspace, scheduleId: string | null) => {
  const none = { exists: false, mtimeMs: null, size: 0 };
  if (ws.schedulerDir === null || scheduleId === null || !SAFE.test(scheduleId))
    return { out: none, hist: none };
  return {
    out: await ws.fs.stat(ws.fs.join(ws.schedulerDir, `${scheduleId}.output`)),
    hist: await ws.fs.stat(ws.fs.join(ws.schedulerDir, 'schedule_history', `${scheduleId}.log`)),
  };
};

const artifactOf = async (
  ws: Workspace,
  taskId: string,
  worktrees: readonly string[],
  markers: readonly MarkerSeen[],
) => {
  const candidates: { ms: number; path: string }[] = [];
  for (const w of worktrees) {
    const n = await newestFile(ws.fs, w);
    if (n.ms !== null && n.path !== null) candidates.push({ ms: n.ms, path: n.path });
  }
  for (const r of await reportsOf(ws, taskId)) {
    const st = await ws.fs.stat(r);
    if (st.mtimeMs !== null) candidates.push({ ms: st.mtimeMs, path: r });
  }
  for (const m of markers.filter((x) => isBotMarker(x.name)))
    candidates.push({ ms: instantMs(m.mtime), path: ws.fs.join(ws.eventsDir, `${taskId}.${m.name}`) });
  return newestOf(candidates);
};

const worktreeOf = async (ws: Workspace, worktrees: readonly string[]) => {
  let best: { path: string; ms: number } | null = null;
  for (const w of worktrees) {
    const mtime = await ws.fs.mtimeOf(w);
    const n = await newestFile(ws.fs, w);
    const ms = Math.max(mtime, n.ms ?? 0);
    if (best === null || ms > best.ms) best = { path: w, ms };
  }
  return best;
};

/** Paths are recorded relative to the root, so an observation reads the same wherever the tree lives. */
const rel = (ws: Workspace, p: string | null): string | null =>
  p === null ? null : ws.fs.relative(ws.root, p);

const stamp = (ms: number | null, zone: string): string | null => (ms === null ? null : isoInZone(ms, zone));

/** The worktree, artifact, bot output and schedule history facts of one task. */
export const filesOf = async (
  ws: Workspace,
  taskId: string,
  markers: readonly MarkerSeen[],
  scheduleId: string | null,
): Promise<Pick<Observation, 'worktree' | 'artifact' | 'bot_output' | 'schedule_history'>> => {
  const zone = ws.config.zone;
  const worktrees = await worktreesOf(ws, taskId);
  const wt = await worktreeOf(ws, worktrees);
  const artifact = await artifactOf(ws, taskId, worktrees, markers);
  const { out, hist } = await schedulerFacts(ws, scheduleId);
  return {
    worktree: { path: rel(ws, wt?.path ?? null), mtime: stamp(wt?.ms ?? null, zone) },
    artifact: { newest: rel(ws, artifact?.path ?? null), mtime: stamp(artifact?.ms ?? null, zone) },
    bot_output: { exists: out.exists, mtime: stamp(out.mtimeMs, zone), bytes: out.size },
    schedule_history: { exists: hist.exists, mtime: stamp(hist.mtimeMs, zone) },
  };
};
