// Lines of memory/harness/watchdog.jsonl: one decision per task per cycle, and one delivery record per
// attempt to deliver an ESCALATE. Append-only; the next cycle's decision is a fold of these plus asOf, and
// the deliveries still owed (an ESCALATE without an acknowledged delivery of its key) are retried.
import * as t from 'io-ts';

export const AlertClass = t.keyof({ INFO: null, WARN: null, ESCALATE: null }, 'AlertClass');
export type AlertClass = t.TypeOf<typeof AlertClass>;

export const WatchdogDecisionRecord = t.type(
  {
    kind: t.literal('watchdog_decision'),
    schema_version: t.literal(1),
    cycle: t.number,
    as_of: t.string,
    task_id: t.string,
    status: t.keyof({
      alive: null,
      silently_stalled: null,
      stalled: null,
      unknown: null,
      skipped: null,
      done: null,
    }),
    spawn_state: t.string,
    alive_signals: t.array(t.string),
    ev_age_s: t.number,
    hb_age_s: t.number,
    consecutive_silent: t.number,
    alert_class: AlertClass,
    throttled: t.boolean,
    /** True only for an ESCALATE that is not throttled: the runner hands it to the sink. */
    deliver: t.boolean,
    /** An ESCALATE was already sent in this stall episode (or a `.escalate` marker exists). */
    episode_escalated: t.boolean,
    critical: t.boolean,
    escalate_requested: t.boolean,
    reasons: t.array(t.string),
  },
  'WatchdogDecisionRecord',
);
export type WatchdogDecisionRecord = t.TypeOf<typeof WatchdogDecisionRecord>;

export const WatchdogDeliveryRecord = t.intersection(
  [
    t.type({
      kind: t.literal('watchdog_delivery'),
      schema_version: t.literal(1),
      /** The cycle that attempted the delivery. */
      cycle: t.number,
      as_of: t.string,
      task_id: t.string,
      sink: t.keyof({ command: null, webhook: null, alert_sinks: null, none: null }),
      ok: t.boolean,
      detail: t.string,
    }),
    // Absent on records written before deliveries were retried: their key is that of their own cycle.
    t.partial({
      /** The idempotency key of the ESCALATE delivered: the same on every retry. */
      key: t.string,
      /** The cycle whose decision owes this delivery. */
      decided_cycle: t.number,
    }),
  ],
  'WatchdogDeliveryRecord',
);
export type WatchdogDeliveryRecord = t.TypeOf<typeof WatchdogDeliveryRecord>;

export const WatchdogLine = t.union([WatchdogDecisionRecord, WatchdogDeliveryRecord], 'WatchdogLine');
export type WatchdogLine = t.TypeOf<typeof WatchdogLine>;
