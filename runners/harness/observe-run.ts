// Observing tasks: gather each task's signals, append the observations in one locked append, fold the
// log, and keep the spawn-state sidecar beside each dispatch marker in step (rewritten only when the
// state changed). Shared by `harness observe` and `harness watchdog`.
import { join, resolve } from 'node:path';
import { sidecarFileName } from '../../lib/harness/dispatch-marker.js';
import { SidecarState } from '../../lib/harness/input-codecs.js';
import type { Observation } from '../../lib/harness/observation-codec.js';
import { sidecarUpdate } from '../../lib/harness/sidecar.js';
import { applyEffects, type Effect } from '../../lib/io/effects.js';
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
    const old = await readLenient(
      ws.store,
      join(ws.eventsDir, sidecarFileName(o.dispatch.marker)),
      SidecarState,
    );
    const update = sidecarUpdate(o, state, old?.state ?? null);
    if (update !== null)
      out.push({ kind: 'write', path: join(ws.eventsDir, update.name), value: update.value });
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
  await applyEffects({ store: ctx.ws.store }, await sidecarEffects(ctx.ws, observations, state));
  return { observations, state };
};
