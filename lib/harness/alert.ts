// Layer 3, second axis: the alert class of a task in one cycle (seed 004 §2.3–2.4). Laws: ESCALATE
// only for silently_stalled in `escalateAfterCycles` consecutive cycles of a critical (or explicitly
// escalated) task, never twice in one stall episode and never when a `.escalate` marker exists; at most
// K alerts (WARN, ESCALATE) of one task and class are left unthrottled within any N cycles; only an unthrottled ESCALATE
// is delivered (INFO and WARN are logged, never sent).
import type { WatchdogConfig } from './config.js';
import type { LivenessResult } from './liveness.js';
import { markerNamed } from './markers.js';
import type { Observation } from './observation-codec.js';
import type { AlertClass } from './watchdog-codec.js';
import type { TaskWatch } from './watchdog-projection.js';

export const alertReasons = [
  'silent_cycles_below_threshold',
  'not_critical',
  'already_escalated',
  'critical_task',
  'escalate_requested',
  'not_silently_stalled',
  'throttled',
] as const;
export type AlertReason = (typeof alertReasons)[number];

export interface AlertInput {
  readonly taskId: string;
  readonly cycle: number;
  readonly liveness: LivenessResult;
  readonly observation: Observation;
  readonly history: TaskWatch | undefined;
}

export interface AlertDecision {
  readonly alertClass: AlertClass;
  readonly consecutiveSilent: number;
  readonly throttled: boolean;
  readonly deliver: boolean;
  readonly episodeEscalated: boolean;
  readonly critical: boolean;
  readonly escalateRequested: boolean;
  readonly reasons: readonly AlertReason[];
}

const consecutiveOf = (a: AlertInput): number => {
  if (a.liveness.status !== 'silently_stalled') return 0;
  const prev = a.history?.last;
  const chained = prev !== undefined && prev.cycle === a.cycle - 1 && prev.status === 'silently_stalled';
  return chained ? prev.consecutive_silent + 1 : 1;
};

interface Classified {
  readonly alertClass: AlertClass;
  readonly reasons: AlertReason[];
}

const classify = (a: AlertInput, c: WatchdogConfig, n: number, flags: Flags): Classified => {
  const status = a.liveness.status;
  if (status !== 'silently_stalled') {
    const warn = status === 'stalled' || status === 'unknown';
    return { alertClass: warn ? 'WARN' : 'INFO', reasons: ['not_silently_stalled'] };
  }
  if (n < c.escalateAfterCycles) return { alertClass: 'WARN', reasons: ['silent_cycles_below_threshold'] };
  if (!flags.critical && !flags.requested) return { alertClass: 'WARN', reasons: ['not_critical'] };
  if (flags.already) return { alertClass: 'WARN', reasons: ['already_escalated'] };
  const why: AlertReason[] = [];
  if (flags.critical) why.push('critical_task');
  if (flags.requested) why.push('escalate_requested');
  return { alertClass: 'ESCALATE', reasons: why };
};

interface Flags {
  readonly critical: boolean;
  readonly requested: boolean;
  readonly already: boolean;
}

/** Pure: how many unthrottled alerts of this class the task had in the N-1 cycles before this one. */
export const recentAlerts = (h: TaskWatch | undefined, cls: AlertClass, cycle: number, n: number): number =>
  (h?.alerts ?? []).filter(
    (x) => x.alertClass === cls && !x.throttled && x.cycle > cycle - n && x.cycle < cycle,
  ).length;

/** Pure: the alert class, throttle and delivery of one task in one cycle. */
export const alertOf = (a: AlertInput, c: WatchdogConfig): AlertDecision => {
  const n = consecutiveOf(a);
  const prevEscalated = n > 1 && a.history?.last.episode_escalated === true;
  const marker = markerNamed(a.observation.markers, 'escalate') !== undefined;
  const flags: Flags = {
    critical: a.observation.timer.critical || c.criticalTasks.includes(a.taskId),
    requested: a.observation.timer.escalate_requested || c.escalateTasks.includes(a.taskId),
    already: prevEscalated || marker,
  };
  const { alertClass, reasons } = classify(a, c, n, flags);
  // INFO is a log line, not an alert: only WARN and ESCALATE are counted and throttled.
  const throttled =
    alertClass !== 'INFO' && recentAlerts(a.history, alertClass, a.cycle, c.throttleN) >= c.throttleK;
  const deliver = alertClass === 'ESCALATE' && !throttled;
  return {
    alertClass,
    consecutiveSilent: n,
    throttled,
    deliver,
    episodeEscalated: n > 0 && (flags.already || deliver),
    critical: flags.critical,
    escalateRequested: flags.requested,
    reasons: throttled ? [...reasons, 'throttled'] : reasons,
  };
};
