// One routed row's delivery to one sink, the parts that decide: what the payloads are built from, and
// the sink entry when nothing is sent (a sink the resolver handed over malformed, or one that already
// acknowledged this row in an earlier run).
import type { Escalation } from './escalation.js';
import type { AlertContext } from './payloads.js';
import { failed } from './sink-result.js';
import type { MalformedSink } from './sink-request.js';
import type { SinkEntry } from './telemetry.js';

/** The dispatch run an alert is sent from. */
export interface AlertOrigin {
  readonly repo: string;
  readonly loopId: string;
  readonly traceId: string;
}

/** Pure: what every payload of `e` is built from; the escalation's own loop and trace ids win. */
export const alertFor = (
  o: AlertOrigin,
  e: Escalation,
  severity: string,
  emittedAt: string,
): AlertContext => ({
  repoPath: o.repo,
  loopId: e.loopId ?? o.loopId,
  category: e.category,
  severity,
  traceId: e.traceId ?? o.traceId,
  escalationTimestamp: e.timestamp,
  emittedAt,
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
