// The `opsfold/loop` entry: Superloop runs — lifecycle, snapshot and state projection, health with
// reason codes, heartbeat, sequence, profile drift, escalations, control intents, the service's rules.
// Listed by name (no `export *`): projections, decisions, codecs and their types; helpers stay internal.

/** Projections: pure reducers over the records. */
export { loopControlProjections } from './control-registry.js';
export { escalationsProjection } from './escalations.js';
export { loopEventsProjection } from './events-projection.js';
export { loopHealthProjections } from './health-registry.js';
export { idempotencyProjection } from './idempotency.js';
export { eventSequenceProjection } from './sequence.js';

/** Decisions: pure functions of projected state and an explicit asOf. */
export { reasonCodeOf, exitCodeOfStatus, replayOutcome } from './control-outcome.js';
export { healthConditions } from './escalations-conditions.js';
export { dedupeKeyOf, planEscalations } from './escalations.js';
export { uniqueReasons, decideHealth } from './health.js';
export { freshnessOf } from './heartbeat.js';
export { decideKey } from './idempotency.js';
export { admitIntent } from './intent-admission.js';
export { decidedApproval } from './intent-command.js';
export { confirms, confirmResult } from './intent-confirm.js';
export { lifecycleReasons, lifecycleOf } from './lifecycle.js';
export { evaluateDrift } from './profile-drift.js';
export { checkSnapshotEnvelope, checkEventEnvelope, divergenceOf, projectState } from './project-state.js';
export { reconcileRecord } from './reconcile-record.js';
export { checkEventsPayload, checkSnapshotPayload } from './service-payload.js';
export { loopIdOf, intOf, eventsQueryOf, controlBodyOf } from './service-request.js';
export { routeOf, controlHttpStatus } from './service-routes.js';
export { factsOf, buildSnapshot } from './snapshot.js';
export { visibilityOf } from './status-visibility.js';
export { buildStatus } from './status.js';
export { confidenceOf, recommend, summarizeTelemetry } from './telemetry-summary.js';
export {
  checkCatalog,
  resolveProfile,
  checkIngestThresholds,
  resolveThresholds,
  resolveHeartbeatThresholds,
} from './thresholds.js';
export { nextTransportHealth } from './transport-health.js';

/** Steps over ports: a command's gather and effects with the edge passed in (node, or memory in tests). */
export { gatherSnapshotOver } from './snapshot-gather.js';
export { escalateOver } from './escalations-log.js';
export { driftStep } from './drift-step.js';
export { sequenceStep } from './sequence-step.js';
export { fetchOverService } from './service-fetch.js';
export { builtinIntentExecutor } from './intent-executor.js';
export { serviceHandler } from './service-dispatch.js';

/** Codecs (io-ts) of the artifacts, and the contract registries. */
export { decodeLoopEventLine, isLoopEventLine } from './event-guard.js';
export { eventEnvelope } from './envelope.js';
export {
  LoopEventLine,
  SuperloopState,
  Approval,
  RunSummary,
  RunStatus,
  LoopRunSnapshot,
  LoopRunEvent,
  PollCursor,
} from './codecs.js';
export { ConfirmIntentResult, IntentEntry, ControlTelemetry, ControlInvocation } from './control-codecs.js';
export { loopControlContracts } from './control-registry.js';
export { EscalationRecordCodec } from './escalations.js';
export {
  HealthReasonCodec,
  HealthDocCodec,
  TransportHealthCodec,
  IntentStatusLine,
  ThresholdCatalogCodec,
  ResolvedProfileCodec,
} from './health-codecs.js';
export { loopHealthContracts } from './health-registry.js';
export { RuntimeHeartbeatCodec, HeartbeatStateCodec, HeartbeatTelemetryCodec } from './heartbeat.js';
export { StoredOutcome, LedgerRecord } from './idempotency.js';
export { DriftStateCodec, DriftHistoryCodec } from './profile-drift.js';
export { SequenceStateCodec, SequenceTelemetryCodec } from './sequence-codecs.js';
export { ManagerState } from './state-codec.js';
export { TelemetrySummaryCodec, ReconcileTelemetryLine, ControlTelemetryLine } from './telemetry-summary.js';

/** Reason codes and other closed vocabularies. */
export { HEALTH_CATEGORIES } from './escalations-conditions.js';
export { ESCALATION_ACTIONS } from './escalations.js';
export { HEALTH_REASON_CODES } from './health.js';
export { ACTIVE_PHASE_EVENTS } from './lifecycle.js';
export { SEQUENCE_VIOLATIONS } from './sequence-codecs.js';
export { TRANSIENT_STATUSES } from './service-routes.js';
export { INGEST_KEYS, BUILTIN_INGEST_THRESHOLDS, DEFAULT_HEARTBEAT_THRESHOLDS } from './thresholds.js';

/** Types of the inputs, states and outputs above. */
export type {
  ControlStatus,
  ExecutionStatus,
  ConfirmationStatus,
  ControlOutcome,
} from './control-outcome.js';
export type { HealthFiles, DriftFiles } from './escalations-conditions.js';
export type { EscalationAction, EscalationHistory, PlanInput } from './escalations.js';
export type { LoopEventsState } from './events-projection.js';
export type {
  HealthStatus,
  Severity,
  HealthReason,
  HealthThresholds,
  HealthInputs,
  HealthDoc,
} from './health.js';
export type { Freshness, HeartbeatInputs, HeartbeatState } from './heartbeat.js';
export type { KeyState, LedgerState, KeyDecision } from './idempotency.js';
export type { RefusalCode, AdmissionFacts } from './intent-admission.js';
export type { ApprovalDecision } from './intent-command.js';
export type { ConfirmReason, ConfirmResult } from './intent-confirm.js';
export type { Lifecycle, LifecycleReason, LoopFacts } from './lifecycle.js';
export type { ConfidenceLevel, DriftStatus, DriftInputs, DriftState } from './profile-drift.js';
export type { ProjectStateInputs, Confidence, ProjectedState } from './project-state.js';
export type { EventSequenceState, SequenceInputs } from './sequence.js';
export type { SequenceState } from './sequence-codecs.js';
export type { EventsAnswer } from './service-payload.js';
export type { Query, EventsQuery } from './service-request.js';
export type { ServiceError } from './service-routes.js';
export type { SnapshotInputs } from './snapshot.js';
export type { StatusFiles, StatusInputs } from './status.js';
export type { Profile, TelemetrySummaryInputs, TelemetrySummary } from './telemetry-summary.js';
export type {
  IngestThresholds,
  HeartbeatThresholds,
  ThresholdError,
  ResolvedProfile,
  Catalog,
  ThresholdRequest,
  AppliedThresholds,
} from './thresholds.js';
export type { TransportHealth, IngestOutcome } from './transport-health.js';
