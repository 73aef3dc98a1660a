// One watchdog cycle: for every task with an observation, liveness then alert, as records to append.
// Pure: a function of the folded observations, the folded watchdog history, asOf and the config; the
// runner appends the records and hands the `deliver` ones to the sink.
import { isoSeconds } from '../core/time.js';
import { alertOf } from './alert.js';
import type { WatchdogConfig } from './config.js';
import { livenessOf } from './liveness.js';
import type { ObservationsState } from './observations-projection.js';
import type { WatchdogDecisionRecord } from './watchdog-codec.js';
import type { WatchdogState } from './watchdog-projection.js';

/**
 * Pure: the decisions of the next cycle (number = last cycle + 1), one per observed task sorted by task,
 * except tasks already reported done.
 */
export const decideCycle = (
  observed: ObservationsState,
  history: WatchdogState,
  asOfMs: number,
  config: WatchdogConfig,
): WatchdogDecisionRecord[] => {
  const cycle = history.cycle + 1;
  const asOf = isoSeconds(asOfMs);
  const out: WatchdogDecisionRecord[] = [];
  for (const taskId of Object.keys(observed.tasks).sort()) {
    const t = observed.tasks[taskId]!;
    const liveness = livenessOf(t.latest, t.spawn, asOfMs, config);
    // A finished task is reported done once, not every cycle after.
    if (liveness.status === 'done' && history.tasks[taskId]?.last.status === 'done') continue;
    const a = alertOf(
      { taskId, cycle, liveness, observation: t.latest, history: history.tasks[taskId] },
      config,
    );
    out.push({
      kind: 'watchdog_decision',
      schema_version: 1,
      cycle,
      as_of: asOf,
      task_id: taskId,
      status: liveness.status,
      spawn_state: t.spawn,
      alive_signals: [...liveness.alive],
      ev_age_s: liveness.evAgeS,
      hb_age_s: liveness.hbAgeS,
      consecutive_silent: a.consecutiveSilent,
      alert_class: a.alertClass,
      throttled: a.throttled,
      deliver: a.deliver,
      episode_escalated: a.episodeEscalated,
      critical: a.critical,
      escalate_requested: a.escalateRequested,
      reasons: [...liveness.reasons, ...a.reasons],
    });
  }
  return out;
};
