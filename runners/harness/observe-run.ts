// Observing tasks: gather each task's signals, append the observations in one locked append, fold the
// log, and keep the spawn-state sidecar beside each dispatch marker in step (rewritten only when the
// state changed). Shared by `harness observe` and `harness watchdog`.
import { join, resolve } from 'node:path';
import { sidecarFileName } from '../../lib/harness/dispatch-marker.js';
import { SidecarState } from '../../lib/harness/input-codecs.js';
import type { Observation } from '../../lib/harness/observation-codec.js';
import type { ObservationsState } from '../../lib/harness/observations-projection.js';
import { str, type Io, type Values } from '../cli/command.js';
import { readLenient } from './edge.js';
import { taskIdsWithMarkers } from './fs-facts.js';
import { gatherObservation, type GatherContext } from './gather.js';
import { foldObservations } from './logs.js';
import { processSourceOf } from './processes.js';
import { readTimers, type Workspace } from './workspace.js';

export const contextOf = async (ws: Workspace, v: Values, io: Io): Promise<GatherContext> => {
  const flag = str(v, 'controller-prompt');
  return {
    ws,
    timers: await readTimers(ws),
    processes: await processSourceOf(v, io),
    controllerPrompt:
      flag !== undefined
        ? resolve(io.cwd, flag)
        : ws.config.controllerSystemPrompt === null
          ? null
          : resolve(ws.root, ws.config.controllerSystemPrompt),
  };
};

/** Every task the workspace knows: task-timers keys and tasks with markers, sorted. */
export const knownTasks = async (ctx: GatherContext): Promise<string[]> =>
  [...new Set([...Object.keys(ctx.timers.tasks), ...(await taskIdsWithMarkers(ctx.ws.eventsDir))])].sort();

const syncSidecar = async (ws: Workspace, o: Observation, state: ObservationsState): Promise<void> => {
  const t = state.tasks[o.task_id];
  if (o.dispatch === null || t === undefined) return;
  const file = join(ws.eventsDir, sidecarFileName(o.dispatch.marker));
  // A sidecar that cannot be read or has no state is simply rewritten.
  const old = await readLenient(ws.store, file, SidecarState);
  if (old?.state === t.spawn) return;
  await ws.store.write(file, {
    task_id: o.task_id,
    dispatch_marker: o.dispatch.marker,
    state: t.spawn,
    previous_state: old?.state ?? null,
    since: t.spawnSince,
    signals: [...t.signals],
    updated_at: o.observed_at,
  });
};

/** Observes the tasks, appends the observations and returns them with the folded state. */
export const observeTasks = async (
  ctx: GatherContext,
  taskIds: readonly string[],
  asOfMs: number,
): Promise<{ observations: Observation[]; state: ObservationsState }> => {
  const observations: Observation[] = [];
  for (const id of taskIds) observations.push(await gatherObservation(ctx, id, asOfMs));
  if (observations.length > 0) await ctx.ws.store.append(ctx.ws.observationsLog, observations);
  const state = await foldObservations(ctx.ws);
  for (const o of observations) await syncSidecar(ctx.ws, o, state);
  return { observations, state };
};
