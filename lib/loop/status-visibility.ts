// The seed's `visibility.*` block of the operator status: heartbeat freshness, sequence diagnostics,
// the latest control invocation audit record, and trace linkage across the manager's artifacts
// (`sharedTraceId` only when every trace present agrees). Pure over already-decoded documents.
import { alt } from './event-fields.js';
import type { Json } from './lenient.js';
import type {
  StatusControlView,
  StatusDeliveryView,
  StatusHeartbeatView,
  StatusInvocationView,
  StatusReconcileView,
  StatusSequenceView,
} from './status-views.js';

interface VisibilityInputs {
  readonly heartbeat: StatusHeartbeatView;
  readonly sequence: StatusSequenceView;
  readonly lastInvocation: StatusInvocationView;
  readonly lastReconcile: StatusReconcileView;
  readonly lastControl: StatusControlView;
  readonly lastAlertDelivery: StatusDeliveryView;
}

/** jq `.a // .b // null` over a document's fields (an absent document has none). */
const firstOf = (...vs: (Json | undefined)[]): Json =>
  vs.reduce<Json | undefined>((acc, v) => alt(acc, v ?? null) as Json, null) ?? null;

const heartbeatBlock = (h: StatusHeartbeatView) =>
  h === null
    ? null
    : {
        freshnessStatus: firstOf(h.freshnessStatus),
        reasonCode: firstOf(h.reasonCode),
        lastHeartbeatAt: firstOf(h.lastHeartbeatAt),
        heartbeatLagSeconds: firstOf(h.heartbeatLagSeconds),
        updatedAt: firstOf(h.updatedAt),
        transport: firstOf(h.transport),
        traceId: firstOf(h.traceId),
      };

const sequence = (s: StatusSequenceView) =>
  s === null
    ? null
    : {
        status: firstOf(s.status),
        reasonCode: firstOf(s.reasonCode),
        driftActive: firstOf(s.driftActive) ?? false,
        violations: firstOf(s.violations) ?? [],
        snapshotCurrent: firstOf(s.snapshotCurrent),
        eventsLast: firstOf(s.eventsLast),
        updatedAt: firstOf(s.updatedAt),
        transport: firstOf(s.transport),
        traceId: firstOf(s.traceId),
      };

const invocationAudit = (r: StatusInvocationView) =>
  r === null
    ? null
    : {
        timestamp: firstOf(r.timestamp),
        intent: firstOf(r.intent),
        transport: firstOf(r.transport),
        idempotencyKey: firstOf(r.idempotencyKey),
        executionStatus: firstOf(r.executionStatus, r.execution),
        confirmationStatus: firstOf(r.confirmationStatus, r.confirmation),
        outcomeStatus: firstOf(r.outcomeStatus, r.status),
        traceId: firstOf(r.traceId),
      };

/** Pure: the latest trace id of each artifact kind, and the one they share when all present agree. */
export const traceLinkage = (i: VisibilityInputs) => {
  const traces = {
    controlTraceId: firstOf(i.lastControl.traceId),
    controlInvocationTraceId: firstOf(i.lastInvocation?.traceId),
    reconcileTraceId: firstOf(i.lastReconcile.traceId),
    heartbeatTraceId: firstOf(i.heartbeat?.traceId),
    sequenceTraceId: firstOf(i.sequence?.traceId),
    alertTraceId: firstOf(i.lastAlertDelivery?.traceId),
  };
  const present = Object.values(traces).filter((t): t is string => typeof t === 'string' && t !== '');
  const distinct = [...new Set(present)];
  return {
    ...traces,
    presentCount: present.length,
    sharedTraceId: distinct.length === 1 ? distinct[0] : null,
  };
};

/** Pure: the `visibility` block. */
export const visibilityOf = (i: VisibilityInputs) => ({
  heartbeat: heartbeatBlock(i.heartbeat),
  sequence: sequence(i.sequence),
  invocationAudit: invocationAudit(i.lastInvocation),
  trace: traceLinkage(i),
});
