// One routed row's delivery, planned before anything is sent: for each sink, either the entry decided
// without sending (a sink the resolver handed over malformed, or one that already acknowledged this row
// in an earlier run, per the ledger) or a message to send, keyed by its dedupe key. The outbox
// (lib/core/outbox) sends the messages; row-record turns what came back into entries and records.
import type { Escalation } from './escalation.js';
import { deliveryKey, type DeliveryLedgerState } from './ledger.js';
import type { AlertContext } from './payloads.js';
import type { RowLine } from './row-step.js';
import type { AlertMessage } from './send.js';
import { failed } from './sink-result.js';
import type { DispatchSink, MalformedSink } from './sink-request.js';
import type { SinkEntry } from './telemetry.js';

/** The dispatch run an alert is sent from. */
export interface AlertOrigin {
  readonly repo: string;
  readonly loopId: string;
  readonly traceId: string;
}

/** Pure: what every payload of `e` is built from (stamped when sent); the escalation's own loop and trace ids win. */
export const alertFor = (
  o: AlertOrigin,
  e: Escalation,
  severity: string,
): Omit<AlertContext, 'emittedAt'> => ({
  repoPath: o.repo,
  loopId: e.loopId ?? o.loopId,
  category: e.category,
  severity,
  traceId: e.traceId ?? o.traceId,
  escalationTimestamp: e.timestamp,
  escalation: e.value,
});

/** Pure: the entry of a sink the resolver handed over malformed (never sent). */
export const invalidSinkEntry = (sink: MalformedSink): SinkEntry => ({
  id: sink.id,
  type: 'unknown',
  ...failed('invalid_sink_result', null),
  dedupeKey: '',
  attempts: 0,
});

/** Pure: the entry of a sink that acknowledged this row in an earlier run (not sent again). */
export const deduplicatedEntry = (head: { id: string; type: string; dedupeKey: string }): SinkEntry => ({
  ...head,
  status: 'success',
  httpStatus: null,
  reasonCode: null,
  message: null,
  attempts: 0,
  deduplicated: true,
});

/** One sink of a routed row: decided already, or a message to send. */
export type PlannedSink =
  | { readonly kind: 'entry'; readonly entry: SinkEntry }
  | { readonly kind: 'send'; readonly message: AlertMessage };

/** Pure: the plan of a routed row, one item per sink in route order, deduplicated against the ledger. */
export const planDeliveries = (
  o: AlertOrigin,
  at: { readonly row: RowLine; readonly e: Escalation; readonly severity: string },
  sinks: readonly (DispatchSink | MalformedSink)[],
  delivered: DeliveryLedgerState['delivered'],
): PlannedSink[] => {
  const alert = alertFor(o, at.e, at.severity);
  return sinks.map((sink): PlannedSink => {
    if ('malformed' in sink) return { kind: 'entry', entry: invalidSinkEntry(sink) };
    const key = deliveryKey({
      loopId: o.loopId,
      line: at.row.line,
      rowSha256: at.row.sha256,
      sinkId: sink.id,
    });
    if (Object.hasOwn(delivered, key))
      return { kind: 'entry', entry: deduplicatedEntry({ id: sink.id, type: sink.type, dedupeKey: key }) };
    return { kind: 'send', message: { key, payload: { sink, alert } } };
  });
};

/** Pure: the messages of a plan, in order. */
export const messagesOf = (plan: readonly PlannedSink[]): AlertMessage[] =>
  plan.flatMap((p) => (p.kind === 'send' ? [p.message] : []));
