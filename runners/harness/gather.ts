// Collects the eight signals of seed 004 §1.2 for one task into an observation record: timer, markers,
// the dispatch marker's identity fields (schedule_id, bot_key_hash — never a raw key), worktree and
// artifact mtimes, bot sessions, bot output and schedule history in the scheduler dir.
import * as E from 'fp-ts/lib/Either.js';
import { promises as fsp } from 'node:fs';
import { join, relative } from 'node:path';
import * as t from 'io-ts';
import { parseIso } from '../../lib/core/time.js';
import { decode } from '../../lib/core/codec.js';
import { readDocument } from '../../lib/io/store.js';
import { DispatchMarker } from '../../lib/harness/dispatch-marker.js';
import { CallbackLaunch, type TaskTimer, type TaskTimers } from '../../lib/harness/input-codecs.js';
import { isBotMarker, isDispatchMarker } from '../../lib/harness/markers.js';
import type { MarkerSeen, Observation, SessionEvidence } from '../../lib/harness/observation-codec.js';
import { promptPathsOf, sessionsOf } from '../../lib/harness/sessions.js';
import { isoInZone, withZone } from '../../lib/harness/zone.js';
import { markersOf, newestFile, reportsOf, statFile, worktreesOf } from './fs-facts.js';
import { readPrompts, type ProcessSource } from './processes.js';
import type { Workspace } from './workspace.js';

// A marker that is missing, unreadable or not JSON is no evidence: it decodes as nothing.
const readJson = async (file: string): Promise<unknown> => {
  const got = await readDocument(file, t.unknown);
  return got.kind === 'found' ? got.value : undefined;
};

// A time that is not RFC 3339 compares false with every other, as it did under Date.parse.
const instantMs = (iso: string): number => parseIso(iso) ?? Number.NaN;

export const dispatchOf = async (ws: Workspace, taskId: string, markers: readonly MarkerSeen[]) => {
  let best: (DispatchMarker & { marker: string }) | null = null;
  for (const m of markers.filter((x) => isDispatchMarker(x.name))) {
    const r = decode(DispatchMarker, await readJson(join(ws.eventsDir, `${taskId}.${m.name}`)));
    const fire = E.isRight(r) ? withZone(r.right.fire_time, ws.config.zone) : '';
    if (E.isRight(r) && (best === null || instantMs(fire) > instantMs(best.fire_time)))
      best = { ...r.right, fire_time: fire, marker: `${taskId}.${m.name}` };
  }
  return best;
};

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

const sessionOf = async (
  src: ProcessSource,
  q: { taskId: string; scheduleId: string | null; controllerPrompt: string | null },
): Promise<SessionEvidence> => {
  if (src.kind === 'none')
    return { status: 'unknown', source: 'none', pids: [], prompt_paths: [], unattributed: 0 };
  const prompts = await readPrompts(src.processes.flatMap((p) => promptPathsOf(p.argv)));
  const m = sessionsOf(src.processes, { ...q, prompts });
  return {
    status: m.status,
    source: src.kind,
    pids: m.pids,
    prompt_paths: m.promptPaths,
    unattributed: m.unattributed,
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
  return candidates.sort((a, b) => b.ms - a.ms)[0] ?? null;
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

export interface GatherContext {
  readonly ws: Workspace;
  readonly timers: TaskTimers;
  readonly processes: ProcessSource;
  readonly controllerPrompt: string | null;
}

const timerOf = (timer: TaskTimer | undefined): Observation['timer'] => ({
  status: timer?.status ?? null,
  critical: timer?.critical === true,
  escalate_requested: timer?.escalate_requested === true,
  heartbeat_at: timer?.heartbeat_at ?? null,
});

const dispatchSeenOf = (d: (DispatchMarker & { marker: string }) | null): Observation['dispatch'] =>
  d === null
    ? null
    : {
        marker: d.marker,
        fire_time: d.fire_time,
        team: /\.dispatched-(.+)-\d{6}\.json$/.exec(d.marker)?.[1] ?? '',
        dispatch_method: d.dispatch_method,
      };

const callbackOf = async (ws: Workspace, taskId: string): Promise<Observation['callback']> => {
  const r = decode(CallbackLaunch, await readJson(join(ws.eventsDir, `${taskId}.callback-launch.json`)));
  return E.isRight(r)
    ? { registered: true, collector_role: r.right.collector_role ?? null }
    : { registered: false, collector_role: null };
};

const stamp = (ms: number | null, zone: string): string | null => (ms === null ? null : isoInZone(ms, zone));

const filesOf = async (
  ctx: GatherContext,
  taskId: string,
  markers: readonly MarkerSeen[],
  scheduleId: string | null,
) => {
  const { ws } = ctx;
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

/** The observation of one task at asOf. */
export const gatherObservation = async (
  ctx: GatherContext,
  taskId: string,
  asOfMs: number,
): Promise<Observation> => {
  const { ws } = ctx;
  const timer = ctx.timers.tasks[taskId];
  const markers = await markersOf(ws.eventsDir, taskId, ws.config.zone);
  const dispatch = await dispatchOf(ws, taskId, markers);
  const scheduleId = dispatch?.schedule_id ?? timer?.schedule_id ?? null;
  const md = await statFile(join(ws.tasksDir, `${taskId}.md`));
  return {
    kind: 'harness_observation',
    schema_version: 1,
    task_id: taskId,
    observed_at: isoInZone(asOfMs, ws.config.zone),
    task_id_present: timer !== undefined || md.exists,
    schedule_id: scheduleId,
    bot_key_hash: dispatch?.bot_key_hash ?? null,
    dispatch: dispatchSeenOf(dispatch),
    session: await sessionOf(ctx.processes, { taskId, scheduleId, controllerPrompt: ctx.controllerPrompt }),
    timer: timerOf(timer),
    markers,
    callback: await callbackOf(ws, taskId),
    ...(await filesOf(ctx, taskId, markers, scheduleId)),
  };
};
