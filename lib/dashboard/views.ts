// The page's typed views of what it reads: the `loop status` document, the manager's state.json, the
// control records (intents.jsonl, control-invocations.jsonl) and reconcile telemetry. Each is decoded
// once by the runner with `viewOf`, leniently (see lenient.ts); the view builders take these types.
import type * as t from 'io-ts';
import { IsTrue, Json, Num, objects, record, Scalar, Text, Texts } from './lenient.js';

export const HealthReason = record('HealthReason', {
  code: Text,
  severity: Text,
  metric: Text,
  observed: Scalar,
  threshold: Scalar,
});

export const HealthView = record('HealthView', {
  status: Text,
  updatedAt: Text,
  reasonCodes: Texts,
  reasons: objects(HealthReason),
  metrics: record('HealthMetrics', {
    ingestLagSeconds: Num,
    transportFailureStreak: Num,
    heartbeatLagSeconds: Num,
  }),
  thresholds: record('HealthThresholds', {
    profile: Text,
    degradedIngestLagSeconds: Num,
    criticalIngestLagSeconds: Num,
    degradedTransportFailureStreak: Num,
    criticalTransportFailureStreak: Num,
    degradedHeartbeatLagSeconds: Num,
    criticalHeartbeatLagSeconds: Num,
  }),
  evidence: Json,
});
export type HealthView = t.TypeOf<typeof HealthView>;

/** The `loop status` document (buildStatus's output) as the page reads it. */
export const StatusView = record(
  'StatusView',
  {
    lifecycle: record('LifecycleView', { state: Text, confidence: Text }),
    /** The lifecycle object as it is, for the detail page. */
    lifecycleDoc: Json,
    health: HealthView,
    cursor: record('StatusCursor', { eventLineOffset: Num, eventLineCount: Num }),
    visibility: record('StatusVisibility', { heartbeat: Json, sequence: Json, invocationAudit: Json }),
    reconcile: Json,
    tuning: Json,
    drift: Json,
  },
  { lifecycleDoc: 'lifecycle' },
);
export type StatusView = t.TypeOf<typeof StatusView>;

/** The manager's state.json, for the last event when the events log cannot say. */
export const StateView = record('StateView', {
  projection: record('StateProjection', { lastEventAt: Text, lastEventName: Text }),
});
export type StateView = t.TypeOf<typeof StateView>;

/** One record of intents.jsonl or control-invocations.jsonl. */
export const ControlRecord = record('ControlRecord', {
  timestamp: Text,
  intent: Text,
  status: Text,
  reasonCode: Text,
  requestedBy: Text,
  idempotencyKey: Text,
  confirmed: IsTrue,
  confirmationStatus: Text,
  confirmation: record('ControlConfirmation', { status: Text }),
  outcome: record('ControlOutcome', { status: Text, reasonCode: Text }),
});
export type ControlRecord = t.TypeOf<typeof ControlRecord>;

/** One record of telemetry/reconcile.jsonl, the fields the charts use. */
export const ReconcileRecord = record('ReconcileRecord', {
  timestamp: Text,
  durationSeconds: Num,
  cursorOffsetAfter: Num,
  status: Text,
  healthStatus: Text,
});
export type ReconcileRecord = t.TypeOf<typeof ReconcileRecord>;

/** One record of events.jsonl, the fields the index and the timeline show. */
export const EventView = record('EventView', {
  event: Text,
  type: Text,
  timestamp: Text,
  role: Scalar,
  iteration: Scalar,
  run_id: Scalar,
  status: Scalar,
  message: Scalar,
  data: Json,
});
export type EventView = t.TypeOf<typeof EventView>;
