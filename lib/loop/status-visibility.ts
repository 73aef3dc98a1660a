// The `visibility.*` block of the operator status and its top-level `traceLinkage`: heartbeat
// freshness, sequence diagnostics, the latest control invocation audit record, and the latest trace
// id of each artifact kind. Each field reads the state document first, then the last telemetry
// record of its kind, as the reference's status script does. Pure over already-decoded documents.
import { alt } from './event-fields.js';
import type { Json } from './lenient.js';
import type {
  StatusControlView,
  StatusDeliveryView,
  StatusDispatchView,
  StatusHeartbeatRecordView,
  StatusHeartbeatView,
  StatusIntentView,
  StatusInvocationView,
  StatusReconcileView,
  StatusSequenceRecordView,
  StatusSequenceView,
} from './status-views.js';

interface VisibilityInputs {
  readonly heartbeat: StatusHeartbeatView;
  readonly sequence: StatusSequenceView;
  readonly lastHeartbeat: StatusHeartbeatRecordView;
  readonly lastSequence: StatusSequenceRecordView;
  readonly lastInvocation: StatusInvocationView;
  readonly lastReconcile: StatusReconcileView;
  readonly lastControl: StatusControlView;
  readonly lastIntent: StatusIntentView;
  readonly lastAlertDelivery: StatusDeliveryView;
  readonly alertDispatchState: StatusDispatchView;
}

/** jq `.a // .b // null` over a document's fields (an absent document has none). */
const firstOf = (...vs: (Json | undefined)[]): Json =>
  vs.reduce<Json | undefined>((acc, v) => alt(acc, v ?? null) as Json, null) ?? null;

/** jq `if .x != null then .x elif .y != null then .y else null end` (false is kept). */
const present = (...vs: (Json | undefined)[]): Json => vs.find((v) => v !== null && v !== undefined) ?? null;

/** A document's fields, none when it is absent. */
const fieldsOf = <A extends object>(doc: A | null): Partial<A> => doc ?? {};

const heartbeatBlock = (i: VisibilityInputs) => {
  if (i.heartbeat === null && i.lastHeartbeat === null) return null;
  const h = fieldsOf(i.heartbeat);
  const l = fieldsOf(i.lastHeartbeat);
  return {
    freshnessStatus: firstOf(h.freshnessStatus),
    reasonCode: firstOf(h.reasonCode, l.reasonCode),
    lastHeartbeatAt: firstOf(h.lastHeartbeatAt, l.heartbeatAt),
    heartbeatLagSeconds: firstOf(h.heartbeatLagSeconds, l.heartbeatLagSeconds),
    updatedAt: firstOf(h.updatedAt, l.timestamp),
    transport: firstOf(h.transport, l.transport),
    traceId: firstOf(h.traceId, l.traceId),
  };
};

const sequence = (i: VisibilityInputs) => {
  if (i.sequence === null && i.lastSequence === null) return null;
  const s = fieldsOf(i.sequence);
  const l = fieldsOf(i.lastSequence);
  return {
    status: firstOf(s.status, l.status),
    reasonCode: firstOf(s.reasonCode, l.reasonCode),
    driftActive: present(s.driftActive, l.driftActive) ?? false,
    violations: present(s.violations, l.violations) ?? [],
    snapshotCurrent: firstOf(s.snapshotCurrent, s.flatSnapshotCurrent, l.snapshotCurrent),
    eventsLast: firstOf(s.eventsLast, s.flatEventsLast, l.eventsLast),
    updatedAt: firstOf(s.updatedAt, l.timestamp),
    transport: firstOf(s.transport, l.transport),
    traceId: firstOf(s.traceId, l.traceId),
  };
};

const invocationAudit = (r: StatusInvocationView) =>
  r === null
    ? null
    : {
        timestamp: firstOf(r.timestamp),
        intent: firstOf(r.intent),
        transport: firstOf(r.transport),
        idempotencyKey: firstOf(r.idempotencyKey),
        executionStatus: firstOf(r.execution, r.executionStatus),
        confirmationStatus: firstOf(r.confirmation, r.confirmationStatus),
        outcomeStatus: firstOf(r.outcome, r.outcomeStatus),
        replayed: firstOf(r.replayed),
        traceId: firstOf(r.traceId),
      };

/** Pure: the latest trace id of each artifact kind. */
const traceIds = (i: VisibilityInputs) => ({
  controlTraceId: firstOf(i.lastIntent.traceId, i.lastControl.traceId),
  controlInvocationTraceId: firstOf(i.lastInvocation?.traceId),
  reconcileTraceId: firstOf(i.lastReconcile.traceId),
  heartbeatTraceId: firstOf(i.heartbeat?.traceId, i.lastHeartbeat?.traceId),
  sequenceTraceId: firstOf(i.sequence?.traceId, i.lastSequence?.traceId),
  alertTraceId: firstOf(i.lastAlertDelivery?.traceId, i.alertDispatchState?.traceId),
});

/** Pure: the visibility trace: each artifact's latest trace, and the one control, reconcile,
 * alerts, heartbeat and sequence share when every one present agrees. */
export const visibilityTrace = (i: VisibilityInputs) => {
  const traces = traceIds(i);
  const linked = [traces.controlTraceId, traces.reconcileTraceId, traces.alertTraceId];
  linked.push(traces.heartbeatTraceId, traces.sequenceTraceId);
  const shared = [...new Set(linked.filter((t) => t !== null))];
  return {
    ...traces,
    presentCount: Object.values(traces).filter((t) => typeof t === 'string' && t !== '').length,
    sharedTraceId: shared.length === 1 ? shared[0] : null,
  };
};

/** Pure: the top-level `traceLinkage`: shared only when reconcile and alerts carry the same trace
 * and control, when present, agrees. */
export const traceLinkage = (i: VisibilityInputs) => {
  const traces = traceIds(i);
  const r = traces.reconcileTraceId;
  const c = traces.controlTraceId;
  const linked = r !== null && r === traces.alertTraceId && (c === null || c === r);
  return { ...traces, sharedTraceId: linked ? r : null };
};

/** Pure: the `visibility` block. */
export const visibilityOf = (i: VisibilityInputs) => ({
  heartbeat: heartbeatBlock(i),
  sequence: sequence(i),
  invocationAudit: invocationAudit(i.lastInvocation),
  trace: visibilityTrace(i),
});
