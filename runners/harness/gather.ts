// Collects the eight signals of seed 004 §1.2 for one task into an observation record: timer, markers,
// the dispatch marker's identity fields (schedule_id, bot_key_hash — never a raw key), worktree and
// artifact mtimes, bot sessions, bot output and schedule history in the scheduler dir.
import { join } from 'node:path';
import { DispatchMarker } from '../../lib/harness/dispatch-marker.js';
import { CallbackLaunch, type TaskTimers } from '../../lib/harness/input-codecs.js';
import { isDispatchMarker } from '../../lib/harness/markers.js';
import type { MarkerSeen, Observation } from '../../lib/harness/observation-codec.js';
import {
  dispatchSeenOf,
  latestDispatch,
  timerEvidenceOf,
  type DispatchRead,
} from '../../lib/harness/observation-parts.js';
import { isoInZone } from '../../lib/harness/zone.js';
import { readLenient } from './edge.js';
import { markersOf, statFile } from './fs-facts.js';
import { filesOf } from './gather-files.js';
import { sessionOf } from './gather-session.js';
import type { ProcessSource } from './processes.js';
import type { Workspace } from './workspace.js';

// A marker that is missing, unreadable, not JSON or of another shape is no evidence.
export const dispatchOf = async (ws: Workspace, taskId: string, markers: readonly MarkerSeen[]) => {
  const read: DispatchRead[] = [];
  for (const m of markers.filter((x) => isDispatchMarker(x.name))) {
    const doc = await readLenient(ws.store, join(ws.eventsDir, `${taskId}.${m.name}`), DispatchMarker);
    if (doc !== null) read.push({ ...doc, marker: `${taskId}.${m.name}` });
  }
  return latestDispatch(read, ws.config.zone);
};

export interface GatherContext {
  readonly ws: Workspace;
  readonly timers: TaskTimers;
  readonly processes: ProcessSource;
  readonly controllerPrompt: string | null;
}

const callbackOf = async (ws: Workspace, taskId: string): Promise<Observation['callback']> => {
  const r = await readLenient(ws.store, join(ws.eventsDir, `${taskId}.callback-launch.json`), CallbackLaunch);
  return r !== null
    ? { registered: true, collector_role: r.collector_role ?? null }
    : { registered: false, collector_role: null };
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
    timer: timerEvidenceOf(timer),
    markers,
    callback: await callbackOf(ws, taskId),
    ...(await filesOf(ws, taskId, markers, scheduleId)),
  };
};
