// The file-system facts of an observation: the task's worktree and newest artifact (worktree files,
// reports, bot markers) and the scheduler's output and history for its schedule id, stamped in the
// configured zone with paths relative to the root.
import { promises as fsp } from 'node:fs';
import { join, relative } from 'node:path';
import { isBotMarker } from '../../lib/harness/markers.js';
import type { MarkerSeen, Observation } from '../../lib/harness/observation-codec.js';
import { instantMs, newestOf } from '../../lib/harness/observation-parts.js';
import { isoInZone } from '../../lib/harness/zone.js';
import { newestFile, reportsOf, statFile, worktreesOf } from './fs-facts.js';
import type { Workspace } from './workspace.js';

const SAFE = /^[A-Za-z0-9][A-Za-z0-9_.-]*$/;

const schedulerFacts = async (ws: Workspace, scheduleId: string | null) => {
  const none = { exists: false, mtimeMs: null, size: 0 };
  if (ws.schedulerDir === null || scheduleId === null || !SAFE.test(scheduleId))
    return { out: none, hist: none };
  return {
    out: await statFile(join(ws.schedulerDir, `${scheduleId}.output`)),
    hist: await statFile(join(ws.schedulerDir, 'schedule_history', `${scheduleId}.log`)),
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
    const n = await newestFile(w);
    if (n.ms !== null && n.path !== null) candidates.push({ ms: n.ms, path: n.path });
  }
  for (const r of await reportsOf(ws.reportsDir, taskId)) {
    const st = await statFile(r);
    if (st.mtimeMs !== null) candidates.push({ ms: st.mtimeMs, path: r });
  }
  for (const m of markers.filter((x) => isBotMarker(x.name)))
    candidates.push({ ms: instantMs(m.mtime), path: join(ws.eventsDir, `${taskId}.${m.name}`) });
  return newestOf(candidates);
};

const worktreeOf = async (worktrees: readonly string[]) => {
  let best: { path: string; ms: number } | null = null;
  for (const w of worktrees) {
    const st = await fsp.stat(w);
    const n = await newestFile(w);
    const ms = Math.max(st.mtimeMs, n.ms ?? 0);
    if (best === null || ms > best.ms) best = { path: w, ms };
  }
  return best;
};

/** Paths are recorded relative to the root, so an observation reads the same wherever the tree lives. */
const rel = (ws: Workspace, p: string | null): string | null => (p === null ? null : relative(ws.root, p));

const stamp = (ms: number | null, zone: string): string | null => (ms === null ? null : isoInZone(ms, zone));

/** The worktree, artifact, bot output and schedule history facts of one task. */
export const filesOf = async (
  ws: Workspace,
  taskId: string,
  markers: readonly MarkerSeen[],
  scheduleId: string | null,
): Promise<Pick<Observation, 'worktree' | 'artifact' | 'bot_output' | 'schedule_history'>> => {
  const zone = ws.config.zone;
  const worktrees = await worktreesOf(ws.worktreesDir, taskId);
  const wt = await worktreeOf(worktrees);
  const artifact = await artifactOf(ws, taskId, worktrees, markers);
  const { out, hist } = await schedulerFacts(ws, scheduleId);
  return {
    worktree: { path: rel(ws, wt?.path ?? null), mtime: stamp(wt?.ms ?? null, zone) },
    artifact: { newest: rel(ws, artifact?.path ?? null), mtime: stamp(artifact?.ms ?? null, zone) },
    bot_output: { exists: out.exists, mtime: stamp(out.mtimeMs, zone), bytes: out.size },
    schedule_history: { exists: hist.exists, mtime: stamp(hist.mtimeMs, zone) },
  };
};
