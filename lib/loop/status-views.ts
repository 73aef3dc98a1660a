// The manager's files as `opsfold loop status` reads them: lenient views whose fields are the JSON
// values the reference's status script copies (`.x // null`), decoded once by the runner. A document
// that is absent stays null where the status tells absence apart (`nullOr`).
import type * as t from 'io-ts';
import { JsonValue as J, fromPath, lenientObject, nullOr, readView } from './lenient.js';

/** A document that may be absent (null) or is read field by field. */
const optionalView = <P extends Readonly<Record<string, t.Mixed>>>(props: P, name: string) =>
  nullOr(lenientObject(props, name));

/** What the sequence state and its telemetry records both say. */
const SEQUENCE_FIELDS = {
  status: J,
  reasonCode: J,
  driftActive: J,
  violations: J,
  snapshotCurrent: fromPath(['snapshot', 'current'], J),
  eventsLast: fromPath(['events', 'last'], J),
};

/** `state.json`: lifecycle, its copy of health and drift, its cursor. */
export const StatusStateView = lenientObject(
  {
    currentState: fromPath(['transition', 'currentState'], J),
    projectionStatus: fromPath(['projection', 'status'], J),
    confidence: fromPath(['transition', 'confidence'], J),
    runId: fromPath(['run', 'runId'], J),
    iteration: fromPath(['run', 'iteration'], J),
    health: J,
    appliedProfile: fromPath(['health', 'thresholds', 'profile'], J),
    eventLineOffset: fromPath(['cursor', 'eventLineOffset'], J),
    eventLineCount: fromPath(['cursor', 'eventLineCount'], J),
    drift: J,
  },
  'StatusStateView',
);

/** `cursor.json` */
export const StatusCursorView = lenientObject({ eventLineOffset: J, eventLineCount: J }, 'StatusCursorView');

/** `health.json`: the whole document (shown when the state has no copy) and its profile. */
export const StatusHealthView = lenientObject(
  { doc: fromPath([], J), appliedProfile: fromPath(['thresholds', 'profile'], J) },
  'StatusHealthView',
);

/** The last `intents.jsonl` record. */
export const StatusIntentView = lenientObject(
  { intent: J, status: J, requestedBy: J, timestamp: J, traceId: J },
  'StatusIntentView',
);

/** The last `telemetry/reconcile.jsonl` record. */
export const StatusReconcileView = lenientObject(
  { status: J, timestamp: J, transport: J, failureCode: J, durationSeconds: J, traceId: J },
  'StatusReconcileView',
);

/** The last `telemetry/control.jsonl` record (only its trace counts). */
export const StatusControlView = lenientObject({ traceId: J }, 'StatusControlView');

/** The telemetry summary of the window; null when none was computed. */
export const StatusTuningView = optionalView(
  { recommendedProfile: J, confidence: J, rationale: J, observed: J, source: J },
  'StatusTuningView',
);

/** `alert-dispatch-state.json` */
export const StatusDispatchView = optionalView(
  {
    status: J,
    updatedAt: J,
    processedCount: J,
    dispatchedCount: J,
    skippedCount: J,
    failedCount: J,
    failureReasonCodes: J,
    escalationsLineOffset: J,
    escalationsLineCount: J,
    traceId: J,
  },
  'StatusDispatchView',
);

/** The last alert delivery record. */
export const StatusDeliveryView = optionalView(
  {
    timestamp: J,
    status: J,
    reasonCode: J,
    escalationCategory: J,
    eventSeverity: J,
    sinkCount: J,
    dispatchedSinkCount: J,
    failedSinkCount: J,
    traceId: J,
    escalationTraceId: J,
  },
  'StatusDeliveryView',
);

/** `heartbeat.json` */
export const StatusHeartbeatView = optionalView(
  {
    freshnessStatus: J,
    reasonCode: J,
    lastHeartbeatAt: J,
    heartbeatLagSeconds: J,
    updatedAt: J,
    transport: J,
    traceId: J,
  },
  'StatusHeartbeatView',
);

/** The last `telemetry/heartbeat.jsonl` record (the state's fallback). */
export const StatusHeartbeatRecordView = optionalView(
  { reasonCode: J, heartbeatAt: J, heartbeatLagSeconds: J, timestamp: J, transport: J, traceId: J },
  'StatusHeartbeatRecordView',
);

/** The last `telemetry/sequence.jsonl` record (the state's fallback). */
export const StatusSequenceRecordView = optionalView(
  { ...SEQUENCE_FIELDS, timestamp: J, transport: J, traceId: J },
  'StatusSequenceRecordView',
);

/** `sequence-state.json` */
export const StatusSequenceView = optionalView(
  {
    ...SEQUENCE_FIELDS,
    flatSnapshotCurrent: fromPath(['snapshotCurrent'], J),
    flatEventsLast: fromPath(['eventsLast'], J),
    updatedAt: J,
    transport: J,
    traceId: J,
  },
  'StatusSequenceView',
);

/** The last control invocation audit record: nested `execution|confirmation|outcome.status` as the
 * control command writes them, flat `*Status` fields as older records name them. */
export const StatusInvocationView = optionalView(
  {
    timestamp: J,
    intent: J,
    transport: J,
    idempotencyKey: J,
    executionStatus: J,
    execution: fromPath(['execution', 'status'], J),
    replayed: fromPath(['execution', 'replayed'], J),
    confirmationStatus: J,
    confirmation: fromPath(['confirmation', 'status'], J),
    outcomeStatus: J,
    outcome: fromPath(['outcome', 'status'], J),
    traceId: J,
  },
  'StatusInvocationView',
);

/** The documents as the status runner read them; null for an absent file or an empty log. */
export interface StatusDocs {
  readonly state: unknown;
  readonly cursor: unknown;
  readonly health: unknown;
  readonly lastIntent: unknown;
  readonly lastControl: unknown;
  readonly lastReconcile: unknown;
  readonly tuningSummary: unknown;
  readonly drift: unknown;
  readonly alertDispatchState: unknown;
  readonly lastAlertDelivery: unknown;
  readonly heartbeat: unknown;
  readonly sequence: unknown;
  readonly lastInvocation: unknown;
  readonly lastHeartbeat?: unknown;
  readonly lastSequence?: unknown;
}

/** Pure: each document through its view. */
export const statusViews = (d: StatusDocs) => ({
  state: readView(StatusStateView, d.state),
  cursor: readView(StatusCursorView, d.cursor),
  health: readView(StatusHealthView, d.health),
  lastIntent: readView(StatusIntentView, d.lastIntent),
  lastControl: readView(StatusControlView, d.lastControl),
  lastReconcile: readView(StatusReconcileView, d.lastReconcile),
  tuningSummary: readView(StatusTuningView, d.tuningSummary),
  drift: readView(J, d.drift),
  alertDispatchState: readView(StatusDispatchView, d.alertDispatchState),
  lastAlertDelivery: readView(StatusDeliveryView, d.lastAlertDelivery),
  heartbeat: readView(StatusHeartbeatView, d.heartbeat),
  sequence: readView(StatusSequenceView, d.sequence),
  lastInvocation: readView(StatusInvocationView, d.lastInvocation),
  lastHeartbeat: readView(StatusHeartbeatRecordView, d.lastHeartbeat ?? null),
  lastSequence: readView(StatusSequenceRecordView, d.lastSequence ?? null),
});
export type StatusViews = ReturnType<typeof statusViews>;

export type StatusHeartbeatView = t.TypeOf<typeof StatusHeartbeatView>;
export type StatusSequenceView = t.TypeOf<typeof StatusSequenceView>;
export type StatusHeartbeatRecordView = t.TypeOf<typeof StatusHeartbeatRecordView>;
export type StatusSequenceRecordView = t.TypeOf<typeof StatusSequenceRecordView>;
export type StatusIntentView = t.TypeOf<typeof StatusIntentView>;
export type StatusDispatchView = t.TypeOf<typeof StatusDispatchView>;
export type StatusInvocationView = t.TypeOf<typeof StatusInvocationView>;
export type StatusReconcileView = t.TypeOf<typeof StatusReconcileView>;
export type StatusControlView = t.TypeOf<typeof StatusControlView>;
export type StatusDeliveryView = t.TypeOf<typeof StatusDeliveryView>;
