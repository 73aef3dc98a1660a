// The `opsfold/fleet` entry: fleets of loops: the registry, reconcile, policy candidates, handoff plans,
// the safety gate and promotion.
// Listed by name (no `export *`): projections, decisions, codecs and their types; helpers stay internal.

/** Projections: pure reducers over the records. */
export { governanceAuditProjection } from './governance-audit.js';
export { handoffHistoryProjection } from './handoff-history.js';
export { policyHistoryProjection } from './policy-history.js';
export { autopauseStreakProjection } from './promotion-autopause.js';
export { promotionHistoryProjection } from './promotion-history.js';
export { fleetPromotionProjections } from './promotion-registry.js';
export { handoffWindowProjection } from './promotion-window.js';
export { reconcileHistoryProjection } from './reconcile-history.js';
export { fleetProjections } from './registry.js';

/** Decisions: pure functions of projected state and an explicit asOf. */
export { pauseOf, gateCandidate } from './autonomy.js';
export { metricsOf, autoPauseOf } from './autopause.js';
export { candidatesOf } from './candidates.js';
export { bucketOf, cohortOf } from './cohort.js';
export { digestOf, snapshotOf, planGovernanceEvent } from './governance-audit.js';
export { targetsOf, applyExecution, planTelemetry } from './handoff-execute.js';
export { planRecorded, stateRecorded } from './handoff-record.js';
export { idempotencyKeyOf, retryGuardOf, summaryOf, planHandoff } from './handoff-plan.js';
export { evaluateCandidates } from './policy-evaluate.js';
export { policyRunOf, policyRunEffects } from './policy-run.js';
export { ciDecided, ciSkipped } from './promotion-ci.js';
export { promotionEffects, promotionSource } from './promotion-layout.js';
export { evaluateGates, decidePromotion, promotionDocument } from './promotion-decision.js';
export {
  classifyHandoffRow,
  classifyPolicyRow,
  drillStateOf,
  autonomousFactsOf,
} from './promotion-inputs.js';
export { precheckOf, rollupOf, reconcileTelemetry } from './reconcile.js';
export { reconcileOrder, reconcileRun } from './reconcile-run.js';
export { applySafety } from './safety.js';
export { statusGovernance } from './status-autonomous.js';
export { outcomeRollupOf, telemetryRollupOf } from './status-rollups.js';
export { fleetStatus } from './status.js';

/** Steps over ports: a command's gather and decision, the edge passed in (the runner's, or a test's). */
export { executePlan } from './handoff-dispatch.js';
export { handoffOptionsOf } from './handoff-options.js';
export { evaluatePromotion } from './promotion-gather.js';
export { reconcileFleet } from './reconcile-fleet.js';
export { gatherStatus } from './status-gather.js';
export { FleetError } from './fleet-error.js';

/** Codecs (io-ts) of the artifacts, and the contract registries. */
export { HandoffTelemetryLine, FleetStatusDoc } from './codecs-handoff.js';
export { HandoffPlanDoc, HandoffStateDoc } from './codecs-handoff-state.js';
export {
  FleetRegistryFile,
  FleetStateDoc,
  FleetReconcileLine,
  PolicyTelemetryLine,
  PolicyHistoryLine,
  PolicyGovernanceLine,
} from './codecs.js';
export { PolicyCandidate, PolicyStateDoc } from './codecs-policy-state.js';
export {
  PromotionDrillState,
  PromotionHandoffExecuteLine,
  PromotionState,
  PromotionCiSkipped,
  PromotionCiResult,
} from './promotion-codecs.js';
export { fleetPromotionContracts } from './promotion-registry.js';
export { fleetContracts } from './registry.js';

/** Reason codes, the artifact layout and other closed vocabularies. */
export { FLEET_FILES } from './layout.js';
export { PROMOTION_FILES } from './promotion-layout.js';
export { DUE_SOON_SECONDS } from './governance.js';
export { DEFAULT_PROMOTION_THRESHOLDS } from './promotion-decision.js';
export {
  GATE_NAMES,
  REQUIRED_DRILLS,
  REQUIRED_SUPPRESSION_PATHS,
  BLOCKING_GOVERNANCE_CODES,
  FIXED_PROMOTION_CODES,
  DRILL_CODE_PREFIXES,
  ALL_PROMOTION_CODES,
} from './promotion-reasons.js';
export { THRESHOLD_FLAGS } from './promotion-thresholds.js';
export { DEFAULT_WINDOW_EXECUTIONS } from './promotion-window.js';
export {
  CATEGORIES,
  INTENTS,
  SEVERITIES,
  CONFIDENCES,
  MODES,
  FLEET_REASON_CODES,
  POLICY_GATE_REASONS,
  ROLLOUT_GATE_REASONS,
  HANDOFF_GUARD_REASONS,
  GOVERNANCE_REASONS,
  SUPPRESSION_PATH_REASONS,
} from './vocabulary.js';

/** Types of the inputs, states and outputs above. */
export type { PauseState, Gates } from './autonomy.js';
export type { AutoPauseState } from './autopause.js';
export type { Profile, CandidateInputs } from './candidates.js';
export type { CohortDecision } from './cohort.js';
export type { GovernanceSnapshot } from './governance-audit.js';
export type { DispatchStatus, DispatchResult, HandoffState } from './handoff-execute.js';
export type { IntentOutcome, HandoffHistory } from './handoff-history.js';
export type { PlanInputs, HandoffSummary, HandoffPlan, Intent } from './handoff-plan.js';
export type { HandoffFiles } from './handoff-record.js';
export type { FleetPaths } from './layout.js';
export type { HandoffControlPorts, DispatchSettings } from './handoff-dispatch.js';
export type { HandoffOptions } from './handoff-options.js';
export type { PromotionReads, DocAnswer } from './promotion-gather.js';
export type { FleetReconcilePorts, FleetReconcileOptions, LoopPassOutcome } from './reconcile-fleet.js';
export type { StatusReads } from './status-gather.js';
export type { PolicyRunFiles } from './policy-run.js';
export type { PolicyStateDoc as PolicyState } from './policy-state.js';
export type { Loc, PromotionPaths } from './promotion-layout.js';
export type { ReconcileFiles } from './reconcile-run.js';
export type { EvaluationInputs } from './policy-evaluate.js';
export type { PolicyHistory } from './policy-history.js';
export type { AutopauseStreakState } from './promotion-autopause.js';
export type { PromotionEvidence, PromotionGates, PromotionSummary } from './promotion-decision.js';
export type { PromotionThresholds, GateStatus, HandoffEvidence, DrillEvidence } from './promotion-gates.js';
export type { PromotionHistoryState } from './promotion-history.js';
export type { HandoffRow, PolicyRow, DrillState, AutonomousFacts } from './promotion-inputs.js';
export type { CiSummaryInput } from './promotion-markdown.js';
export type { DrillReasonCode, PromotionReasonCode } from './promotion-reasons.js';
export type { GovernanceView } from './promotion-status-view.js';
export type { InvalidRow, HandoffWindowState } from './promotion-window.js';
export type { ReconcileHistory } from './reconcile-history.js';
export type { LoopStatus, LoopFiles } from './reconcile.js';
export type { RegistryCheck } from './registry-normalize.js';
export type { FleetPolicy, NormalizedRegistry } from './registry-types.js';
export type { SafetyInput, SafetyVerdict } from './safety.js';
export type { StatusInputs } from './status.js';
export type { Severity, Confidence, FleetReasonCode } from './vocabulary.js';
