// Collects the eight signals of seed 004 §1.2 for one task into an observation record: timer, markers,
// the dispatch marker's identity fields (schedule_id, bot_key_hash — never a raw key), worktree and
// artifact mtimes, bot sessions, bot output and schedule history in the scheduler dir.
import { DispatchMarker } from './dispatch-marker.js';
import { CallbackLaunch, type TaskTimers } from './input-codecs.js';
import { isDispatchMarker } from './markers.js';
import type { MarkerSeen, Observation, SessionEvidence } from './observation-codec.js';
import { dispatchSeenOf, latestDispatch, timerEvidenceOf, type DispatchRead } from './observation-parts.js';
import { promptPathsOf, sessionsOf, type ProcessSeen } from './sessions.js';
import { filesOf } from './gather-files.js';
import { markersOf } from './task-files.js';
import { readLenient, type Workspace } from './workspace.js';
import { isoInZone } from './zone.js';

/** Where bot sessions were read from: a captured sessions file, the process table, or nowhere. */
export type ProcessSource =
  | { readonly kind: 'sessions_file' | 'proc'; readonly processes: readonly ProcessSeen[] }
  | { readonly kind: 'none' };

export interface GatherContext {
  readonly ws: Workspace;
  readonly timers: TaskTimers;
  readonly processes: ProcessSource;
  readonly controllerPrompt: string | null;
}

// A marker that is missing, unreadable, not JSON or of another shape is no evidence.
export const dispatchOf = async (ws: Workspace, taskId: string, markers: readonly MarkerSeen[]) => {
  const read: DispatchRead[] = [];
  for (const m of markers.filter((x) => isDispatchMarker(x.name))) {
    const file = ws.fs.join(ws.eventsDir, `${taskId}.${m.name}`);
    const doc = await readLenient(ws.store, file, DispatchMarker);
    if (doc !== null) read.push({ ...doc, marker: `${taskId}.${m.name}` });
  }
  return latestDispatch(read, ws.config.zone);
};

const callbackOf = async (ws: Workspace, taskId: string): Promise<Observation['callback']> => {
  const file = ws.fs.join(ws.eventsDir, `${taskId}.callback-launch.json`);
  const r = await readLenient(ws.store, file, CallbackLaunch);
  return r !== null
    ? { registered: true, collector_role: r.collector_role ?? null }
    : { registered: false, collector_role: null };
};

const PROMPT_BYTES = 65_536;

/** The session evidence of one task: the processes whose argv or prompt names it; `unknown` without a source. */
const sessionOf = async (
  ctx: GatherContext,
  q: { taskId: string; scheduleId: string | null },
): Promise<SessionEvidence> => {
  const src = ctx.processes;
  if (src.kind === 'none')
    return { status: 'unknown', source: 'none', pids: [], prompt_paths: [], unattributed: 0 };
  const prompts = new Map<string, string | null>();
  for (const p of new Set(src.processes.flatMap((x) => promptPathsOf(x.argv))))
    prompts.set(p, await ctx.ws.fs.readHead(p, PROMPT_BYTES));
  const m = sessionsOf(src.processes, { ...q, controllerPrompt: ctx.controllerPrompt, prompts });
  return {
    status: m.status,
    source: src.kind,
    pids: m.pids,
    prompt_paths: m.promptPaths,
    unattributed: m.unattributed,
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
  const markers = await markersOf(ws, taskId);
  const dispatch = await dispatchOf(ws, taskId, markers);
  const scheduleId = dispatch?.schedule_id ?? timer?.schedule_id ?? null;
  const md = await ws.fs.stat(ws.fs.join(ws.tasksDir, `${taskId}.md`));
  return {
    kind: 'harness_observation',
    schema_version: 1,
    task_id: taskId,
    observed_at: isoInZone(asOfMs, ws.config.zone),
    task_id_present: timer !== undefined || md.exists,
    schedule_id: scheduleId,
    bot_key_hash: dispatch?.bot_key_hash ?? null,
    dispatch: dispatchSeenOf(dispatch),
    session: await sessionOf(ctx, { taskId, scheduleId }),
    timer: timerEvidenceOf(timer),
    markers,
    callback: await callbackOf(ws, taskId),
    ...(await filesOf(ws, taskId, markers, scheduleId)),
  };
};
