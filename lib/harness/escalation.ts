// What the watchdog hands to the sink for an ESCALATE and records about the delivery (seed 004 §2.3),
// and which tasks a cycle observes. Pure: the runner sends and appends.
import type { ObservationsState } from './observations-projection.js';
import type { TaskTimers } from './input-codecs.js';
import type { WatchdogDecisionRecord, WatchdogDeliveryRecord } from './watchdog-codec.js';

/** What a sink reports back about one delivery. */
export type DeliveryResult = Pick<WatchdogDeliveryRecord, 'sink' | 'ok' | 'detail'>;

/** What a sink receives for one ESCALATE (and the `.escalate` marker keeps, with the sink). */
export interface EscalationPayload {
  readonly kind: 'harness_escalation';
  readonly task_id: string;
  readonly cycle: number;
  readonly as_of: string;
  readonly status: WatchdogDecisionRecord['status'];
  readonly spawn_state: string;
  readonly ev_age_s: number;
  readonly consecutive_silent: number;
  readonly critical: boolean;
  readonly escalate_requested: boolean;
  readonly reasons: readonly string[];
  /** The same on every retry of this ESCALATE: a receiver drops repeats by it. */
  readonly idempotency_key?: string;
}

/** Pure: the ESCALATE payload of a decision. */
export const escalationPayload = (r: WatchdogDecisionRecord): EscalationPayload => ({
  kind: 'harness_escalation' as const,
  task_id: r.task_id,
  cycle: r.cycle,
  as_of: r.as_of,
  status: r.status,
  spawn_state: r.spawn_state,
  ev_age_s: r.ev_age_s,
  consecutive_silent: r.consecutive_silent,
  critical: r.critical,
  escalate_requested: r.escalate_requested,
  reasons: r.reasons,
});

/** Pure: the known tasks minus those whose timer was already terminal when last observed (settled). */
export const tasksToObserve = (
  known: readonly string[],
  timers: TaskTimers,
  observed: ObservationsState,
  terminalStatuses: readonly string[],
): string[] => {
  const terminal = (s: string | null | undefined) => s != null && terminalStatuses.includes(s);
  return known.filter(
    (id) => !(terminal(timers.tasks[id]?.status) && terminal(observed.tasks[id]?.latest.timer.status)),
  );
};
