// The per-task status table (`opsfold harness status`): spawn state with its evidence, liveness and the
// last alert class, closeout stage and collection path, finish profile result. Pure: a join of the
// folded logs, the latest observation and the finish results, evaluated at asOf.
import { closeoutOf } from './closeout.js';
import type { CollectState } from './collect-projection.js';
import type { WatchdogConfig } from './config.js';
import { livenessOf } from './liveness.js';
import type { ObservationsState } from './observations-projection.js';
import type { HarnessStatusRow } from './output-codecs.js';
import type { WatchdogState } from './watchdog-projection.js';

export interface StatusInputs {
  readonly observed: ObservationsState;
  readonly watch: WatchdogState;
  readonly collect: CollectState;
  /** Overall finish-profile result per task, where one was recorded. */
  readonly finish: Readonly<Record<string, string>>;
  /** Tasks known from task-timers that have no observation yet. */
  readonly known: readonly string[];
}

const unobserved = (taskId: string, i: StatusInputs): HarnessStatusRow => ({
  task_id: taskId,
  spawn_state: 'UNKNOWN',
  spawn_signals: ['not_observed'],
  observed_at: null,
  liveness: 'unknown',
  alert_class: i.watch.tasks[taskId]?.last.alert_class ?? null,
  watchdog_cycle: i.watch.tasks[taskId]?.last.cycle ?? null,
  closeout_stage: 'NOT_STARTED',
  collected_by: i.collect.tasks[taskId]?.collected?.path ?? null,
  finish_profile: i.finish[taskId] ?? null,
});

/** Pure: one row per task (observed or known), sorted by task id. */
export const statusRows = (i: StatusInputs, asOfMs: number, c: WatchdogConfig): HarnessStatusRow[] => {
  const ids = [...new Set([...Object.keys(i.observed.tasks), ...i.known])].sort();
  return ids.map((taskId) => {
    const t = i.observed.tasks[taskId];
    if (t === undefined) return unobserved(taskId, i);
    const w = i.watch.tasks[taskId]?.last;
    const closeout = closeoutOf({
      markers: t.latest.markers,
      timerStatus: t.latest.timer.status,
      terminalStatuses: c.terminalStatuses,
    });
    return {
      task_id: taskId,
      spawn_state: t.spawn,
      spawn_signals: [...t.signals],
      observed_at: t.latest.observed_at,
      liveness: livenessOf(t.latest, t.spawn, asOfMs, c).status,
      alert_class: w?.alert_class ?? null,
      watchdog_cycle: w?.cycle ?? null,
      closeout_stage: closeout.stage,
      collected_by: i.collect.tasks[taskId]?.collected?.path ?? null,
      finish_profile: i.finish[taskId] ?? null,
    };
  });
};
