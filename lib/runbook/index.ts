// The `opsfold/runbook` entry: runbooks: job loops, step summaries, the execution policy and test verdicts.
// Listed by name (no `export *`): projections, decisions, codecs and their types; helpers stay internal.

/** Projections: pure reducers over the records. */
export { jobLoopProjection } from './job-loop.js';
export { runbookProjections } from './registry.js';
export { stepsProjection } from './steps-projection.js';

/** Decisions: pure functions of projected state and an explicit asOf. */
export { lastPhaseOf, endReasonOf } from './end-reason.js';
export { jobIndexOf, jobLoopOf, inputJobNameOf } from './job-loop.js';
export { buildPhaseSummary } from './phase-summary.js';
export { checkCommand, checkStep, denyReasonOf, policyText } from './policy.js';
export { runStatusOf } from './run-lines.js';
export { lastRunSummary } from './run-summary.js';
export { settingsOf } from './settings.js';
export { configRefusals } from './config-keys.js';
export { startReadiness, readinessText } from './start-conditions.js';
export { testVerdict } from './verdict.js';
export { tosFactsOf } from './tos-facts.js';
export { phaseSummaryOf, planSummaries } from './summary-plan.js';
export { testReportOf } from './test-report.js';

/** Steps over ports: a command's gather and decision, the edge passed in (the runner's, or a test's). */
export { gatherTos } from './gather.js';
export { gatherStart } from './start-gather.js';
export { runSummary, runTest, cleanRoot, writeSummaries } from './run-steps.js';
export { commitCheckpoint, rollbackRoot } from './git-steps.js';
export { commandsOf, policyAnswer } from './policy-answer.js';
export { runbookDemoText } from './demo-report.js';
export { runRoot, orchestratorArgv } from './run-root.js';
export { runOrchestrator } from './run-loop.js';
export { runContextOf, decideStep, stepRequestOf } from './run-decide.js';
export { stepLogOf, phaseStateOf, jobResultOf } from './run-docs.js';
export { stepAnswerOf } from './step-protocol.js';
export { RunbookError } from './runbook-error.js';

/** Codecs (io-ts) of the artifacts, and the contract registries. */
export {
  ExecutionPolicy,
  JobLoopSettings,
  TosConfig,
  StepLog,
  PhaseState,
  JobInput,
  JobResult,
} from './codecs.js';
export { runbookContracts } from './registry.js';
export { TestReport } from './report-codecs.js';
export { StepRequestDoc, StepAnswerDoc } from './step-protocol.js';
export {
  JobLoopSummary,
  StepSummary,
  DeniedStep,
  FatalErrorStep,
  StoppedStep,
  SkippedStep,
  FinalPhaseResult,
  ExecutionSummary,
  PhaseSummary,
  LastRunSummary,
  PolicyRule,
  PolicyReport,
} from './summary-codecs.js';

/** Reason codes and other closed vocabularies. */
export { RunStatus, TestFailure, TestWarning } from './report-codecs.js';

/** Types of the inputs, states and outputs above. */
export type { EndReasonFacts } from './end-reason.js';
export type { JobLoopState, JobLoopFacts } from './job-loop.js';
export type { PhaseSummaryInputs } from './phase-summary.js';
export type { CommandVerdict } from './summary-codecs.js';
export type { RunFacts } from './run-lines.js';
export type { JobInputFacts, RunSummaryInputs } from './run-summary.js';
export type { LatestStep, StepsState } from './steps-projection.js';
export type { VerdictInputs, TestVerdict, StepFile } from './verdict.js';
export type { TosDoc, TosPaths, TosReads, TosFacts } from './tos-facts.js';
export type { TosEffect, SummaryFiles, SummaryPlan } from './summary-plan.js';
export type { TosPorts } from './gather.js';
export type { ConfigRefusal } from './config-keys.js';
export type { StartFacts, StartCondition, StartReadiness, ConditionId } from './start-conditions.js';
export type { StartPorts } from './start-gather.js';
export type { RunbookPorts } from './run-steps.js';
export type { Git, GitResult, RollbackPorts } from './git-steps.js';
export type { RunPorts, RunOutcome } from './run-root.js';
export type { OrchestratorPorts, CommandOutcome, RunEnd } from './run-loop.js';
export type { RunContext, StepRequest, StepAnswer, StepDecision } from './run-decide.js';
export type { StepFields, StepLogDoc } from './run-docs.js';
