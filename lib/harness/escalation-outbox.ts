// ESCALATE deliveries as an outbox (seed 004 §2.3): at least once, never twice once acknowledged.
// watchdog.jsonl is the ledger: an ESCALATE decision with `deliver` owes one message, keyed by task and
// the cycle that decided it; a delivery record with that key and ok settles it. A failed delivery leaves
// the message owed, so every later cycle sends it again, with the same key and the same payload, until a
// sink acknowledges it. Pure: the cycle sends through lib/core/outbox and appends the records.
import type { Message, Outcome } from '../core/outbox.js';
import { escalationPayload, type DeliveryResult, type EscalationPayload } from './escalation.js';
import type { WatchdogDecisionRecord, WatchdogDeliveryRecord } from './watchdog-codec.js';

/** Pure: the idempotency key of the ESCALATE decided for `taskId` in `cycle` (the same on every retry). */
export const escalationKey = (taskId: string, cycle: number): string => `harness-escalate:${taskId}:${cycle}`;

/** Pure: the key a delivery record settles; records written before keys existed name their cycle. */
export const deliveryKeyOf = (d: WatchdogDeliveryRecord): string =>
  d.key ?? escalationKey(d.task_id, d.cycle);

/** Pure: the message an ESCALATE decision owes. */
export const escalationMessage = (r: WatchdogDecisionRecord): Message<EscalationPayload> => {
  const key = escalationKey(r.task_id, r.cycle);
  return { key, payload: { ...escalationPayload(r), idempotency_key: key } };
};

/**
 * Pure: the messages to send this cycle: those still owed from earlier cycles (oldest first), then this
 * cycle's new deliveries; one per key.
 */
export const messagesToSend = (
  owed: Readonly<Record<string, WatchdogDecisionRecord>>,
  decided: readonly WatchdogDecisionRecord[],
): Message<EscalationPayload>[] => {
  const earlier = Object.values(owed).sort((a, b) => a.cycle - b.cycle || a.task_id.localeCompare(b.task_id));
  const seen = new Set<string>();
  return [...earlier, ...decided.filter((r) => r.deliver)].map(escalationMessage).filter((m) => {
    if (seen.has(m.key)) return false;
    seen.add(m.key);
    return true;
  });
};

/** Pure: the ledger record of one outcome, stamped with the cycle that attempted it. */
export const deliveryOf = (
  outcome: Outcome<EscalationPayload, DeliveryResult>,
  attempt: { readonly cycle: number; readonly as_of: string },
): WatchdogDeliveryRecord => {
  const p = outcome.message.payload;
  const d: DeliveryResult =
    outcome.kind === 'sent'
      ? outcome.result
      : { sink: 'none', ok: true, detail: 'duplicate key in this cycle: not sent again' };
  return {
    kind: 'watchdog_delivery',
    schema_version: 1,
    cycle: attempt.cycle,
    as_of: attempt.as_of,
    task_id: p.task_id,
    key: outcome.message.key,
    decided_cycle: p.cycle,
    ...d,
  };
};

/** Pure: the `.escalate` marker text: the payload that was acknowledged, its key and the sink. */
export const escalateMarkerText = (p: EscalationPayload, sink: DeliveryResult['sink']): string =>
  `${JSON.stringify({ ...p, sink })}\n`;

/** Pure: whether a `.escalate` marker's text records this key's acknowledgement (crash after marking). */
export const markerAcknowledges = (text: string | null, key: string): boolean => {
  if (text === null) return false;
  try {
    const v = JSON.parse(text) as { idempotency_key?: unknown };
    return v.idempotency_key === key;
  } catch {
    return false;
  }
};
