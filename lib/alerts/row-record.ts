// Recording a row's delivery, as data: each acknowledged send becomes a `delivered` ledger record (the
// outbox applies it before the next message goes out), the plan and the outcomes become the row's sink
// entries, and the finished row becomes its telemetry line and its ledger record, in that order.
import type { Outcome } from '../core/outbox.js';
import type { Effect } from '../io/effects.js';
import { deduplicatedEntry, type PlannedSink } from './delivery.js';
import type { LedgerEvent } from './ledger.js';
import { deliveredEvent, type RowLine } from './row-step.js';
import type { AlertPayload } from './send.js';
import type { SinkResult } from './sink-result.js';
import type { SinkEntry } from './telemetry.js';

/** Where a dispatch pass records: the delivery ledger and the telemetry log. */
export interface RecordFiles {
  readonly ledger: string;
  readonly telemetry: string;
}

export type AlertOutcome = Outcome<AlertPayload, SinkResult>;

/** A record's time and the run's trace id. */
export interface Stamp {
  readonly at: string;
  readonly traceId: string;
}

/** Pure: ledger records appended to the ledger. */
export const ledgerAppend = (files: RecordFiles, events: readonly LedgerEvent[]): Effect => ({
  kind: 'append',
  path: files.ledger,
  records: events,
});

/** Pure: what one outcome records: a `delivered` record when the sink acknowledged it, else nothing. */
export const deliveryEffects = (
  files: RecordFiles,
  row: RowLine,
  o: AlertOutcome,
  stamp: Stamp,
): Effect[] => {
  if (o.kind !== 'sent' || !o.ok) return [];
  const { sink } = o.message.payload;
  const d = {
    key: o.message.key,
    sinkId: sink.id,
    sinkType: sink.type,
    httpStatus: o.result.httpStatus,
    attempts: o.attempts,
  };
  return [ledgerAppend(files, [deliveredEvent(row, d, stamp)])];
};

/** Pure: the row's sink entries, in route order: planned entries as they are, sent ones from their outcome. */
export const sinkEntries = (plan: readonly PlannedSink[], outcomes: readonly AlertOutcome[]): SinkEntry[] => {
  let next = 0;
  return plan.map((p) => {
    if (p.kind === 'entry') return p.entry;
    const o = outcomes[next++];
    const { key, payload } = p.message;
    const head = { id: payload.sink.id, type: payload.sink.type, dedupeKey: key };
    if (o === undefined) throw new Error(`no outcome for the message to ${head.id}`);
    if (o.kind === 'duplicate') return deduplicatedEntry(head);
    return { ...head, ...o.result, attempts: o.attempts };
  });
};

/** Pure: a finished row's telemetry line, then its ledger record. */
export const finishEffects = (files: RecordFiles, telemetry: object, event: LedgerEvent): Effect[] => [
  { kind: 'append', path: files.telemetry, records: [telemetry] },
  ledgerAppend(files, [event]),
];
