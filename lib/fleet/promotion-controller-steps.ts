// The request of one controller run and the argument lists of its stages, as the reference builds them:
// the orchestration in dry_run (evaluate), apply and rollback, and the promotion CI (verify). Each
// stage gets the evaluation flags the operator gave; the orchestrations also get the seam context.
import type { MutationGovernance } from './promotion-apply-request.js';
import type { BudgetLimits } from './promotion-controller-budget.js';
import type {
  ControllerApplyIntent,
  ControllerFiles,
  ControllerMode,
} from './promotion-controller-codecs.js';

export type ControllerGovernance = MutationGovernance;

export interface ControllerRequest {
  readonly mode: ControllerMode;
  readonly applyIntent: ControllerApplyIntent;
  readonly expandStep: number;
  readonly decisionTtlMinutes: number;
  readonly budget: BudgetLimits;
  /** Absolute. */
  readonly repo: string;
  /** Evaluation flags forwarded to every stage as given (`--min-sample-size 5`, ...). */
  readonly evalFlags: readonly string[];
  /** The files as the operator named them (shown in the state and passed to the stages). */
  readonly files: ControllerFiles;
  /** Where the state and its telemetry row are recorded (absolute, for the Store). */
  readonly targets: { readonly stateFile: string; readonly telemetryFile: string };
  readonly idempotencyKey: string | null;
  readonly traceId: string;
  readonly loopId: string | null;
  readonly horizonRef: string | null;
  readonly evidenceRefs: readonly string[];
  /** As given: empty strings where a flag was not (propose_only needs none of them). */
  readonly governance: ControllerGovernance;
}

const opt = (flag: string, value: string | null): string[] =>
  value === null || value === '' ? [] : [flag, value];

const contextArgs = (r: ControllerRequest): string[] => [
  ...opt('--trace-id', r.traceId),
  ...opt('--loop-id', r.loopId),
  ...opt('--horizon-ref', r.horizonRef),
  ...r.evidenceRefs.flatMap((ref) => ['--evidence-ref', ref]),
];

const governanceArgs = (g: ControllerGovernance): string[] => [
  '--by',
  g.actor,
  '--approval-ref',
  g.approvalRef,
  '--rationale',
  g.rationale,
  '--review-by',
  g.reviewBy,
];

const orchestrateBase = (r: ControllerRequest, mode: string, result: string, summary: string) => [
  '--repo',
  r.repo,
  '--mode',
  mode,
  '--promotion-ci-result-file',
  r.files.promotionCiResultFile,
  '--promotion-ci-summary-file',
  r.files.promotionCiSummaryFile,
  '--result-file',
  result,
  '--summary-file',
  summary,
];

/** Pure: the evaluate stage (orchestration dry_run). */
export const evaluateArgs = (r: ControllerRequest): string[] => [
  ...orchestrateBase(r, 'dry_run', r.files.previewResultFile, r.files.previewSummaryFile),
  ...r.evalFlags,
  ...contextArgs(r),
];

/** Pure: the apply stage (orchestration apply with the intent, governance and idempotency key). */
export const applyArgs = (r: ControllerRequest): string[] => [
  ...orchestrateBase(r, 'apply', r.files.applyResultFile, r.files.applySummaryFile),
  '--apply-intent',
  r.applyIntent,
  '--expand-step',
  String(r.expandStep),
  ...governanceArgs(r.governance),
  ...opt('--idempotency-key', r.idempotencyKey),
  ...r.evalFlags,
  ...contextArgs(r),
];

/** Pure: the verify stage (promotion CI into the verify files, with the trace id only). */
export const verifyArgs = (r: ControllerRequest): string[] => [
  '--repo',
  r.repo,
  '--result-file',
  r.files.verifyResultFile,
  '--summary-file',
  r.files.verifySummaryFile,
  ...r.evalFlags,
  ...opt('--trace-id', r.traceId),
];

/** Pure: the rollback stage (orchestration rollback with the governance). */
export const rollbackArgs = (r: ControllerRequest): string[] => [
  ...orchestrateBase(r, 'rollback', r.files.rollbackResultFile, r.files.rollbackSummaryFile),
  ...governanceArgs(r.governance),
  ...r.evalFlags,
  ...contextArgs(r),
];
