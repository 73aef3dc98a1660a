// Observing tasks: gather each task's signals, append the observations in one locked append, fold the
// log, and keep the spawn-state sidecar beside each dispatch marker in step (rewritten only when the
// state changed). Shared by `harness observe` and `harness watchdog`.
import type { Effect } from '../io/effects.js';
import { sidecarFileName } from './dispatch-marker.js';
import { gatherObservation, type GatherContext } from './gather.js';
import { SidecarState } from './input-codecs.js';
import { foldObservations } from './logs.js';
import type { Observation } from './observation-codec.js';
import type { ObservationsState } from './observations-projection.js';
import { taskIdsWithMarkers } from './task-files.js';
import { sidecarUpdate } from './sidecar.js';
import { readLenient, type Workspace } from './workspace.js';

/** Every task the workspace knows: task-timers keys and tasks with markers, sorted. */
export const knownTasks = async (ctx: GatherContext): Promise<string[]> =>
  [...new Set([...Object.keys(ctx.timers.tasks), ...(await taskIdsWithMarkers(ctx.ws))])].sort();

/** The sidecar writes the observations call for, as effects; each sidecar's state is read first. */
const sidecarEffects = async (
  ws: Workspace,
  observations: readonly Observation[],
  state: ObservationsState,
): Promise<Effect[]> => {
  const out: Effect[] = [];
  for (const o of observations) {
    if (o.dispatch === null) continue;
    // A sidecar that cannot be read or has no state is simply rewritten.
    const file = ws.fs.join(ws.eventsDir, sidecarFileName(o.dispatch.marker));
    const old = await readLenient(ws.store, file, SidecarState);
    const update = sidecarUpdate(o, state, old?.state ?? null);
    if (update !== null)
      out.push({ kind: 'write', path: ws.fs.join(ws.eventsDir, update.name), value: update.value });
  }
  return out;
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
  await ctx.ws.fs.apply(await sidecarEffects(ctx.ws, observations, state));
  return { observations, state };
};
