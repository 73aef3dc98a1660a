// The request of one orchestration and the argument lists of its two steps, as the reference builds
// them: the promotion CI step (repo, result and summary files, the forwarded evaluation flags, the
// trace id) and, for apply and rollback, the apply step (reading the CI result as its promotion state).
import type { MutationGovernance } from './promotion-apply-request.js';
import type { ApplyIntent } from './promotion-apply-codecs.js';
import type { OrchestrateMode } from './promotion-orchestrate-codecs.js';

export type OrchestrateGovernance = MutationGovernance;

export interface OrchestrateRequest {
  readonly mode: OrchestrateMode;
  readonly applyIntent: Exclude<ApplyIntent, 'rollback'>;
  readonly expandStep: number;
  /** Absolute. */
  readonly repo: string;
  /** Evaluation flags forwarded to the CI step as given (`--min-sample-size 5`, `--fail-on-hold`, ...). */
  readonly ciFlags: readonly string[];
  /** The files as the operator named them (defaults under the repo's fleet directory). */
  readonly files: {
    readonly resultFile: string;
    readonly summaryFile: string;
    readonly promotionCiResultFile: string;
    readonly promotionCiSummaryFile: string;
  };
  readonly idempotencyKey: string | null;
  readonly traceId: string | null;
  readonly loopId: string | null;
  readonly horizonRef: string | null;
  readonly evidenceRefs: readonly string[];
  /** Required (non-null) for apply and rollback. */
  readonly governance: OrchestrateGovernance | null;
}

const opt = (flag: string, value: string | null): string[] => (value === null ? [] : [flag, value]);

/** Pure: the arguments of the promotion CI step. */
export const ciStepArgs = (r: OrchestrateRequest): string[] => [
  '--repo',
  r.repo,
  '--result-file',
  r.files.promotionCiResultFile,
  '--summary-file',
  r.files.promotionCiSummaryFile,
  ...r.ciFlags,
  ...opt('--trace-id', r.traceId),
];

/** Pure: the intent the apply step runs with in `mode` (null: dry_run runs no apply). */
export const stepIntentOf = (r: OrchestrateRequest): ApplyIntent | null =>
  r.mode === 'dry_run' ? null : r.mode === 'rollback' ? 'rollback' : r.applyIntent;

/** Pure: the arguments of the apply step for `intent`. */
export const applyStepArgs = (
  r: OrchestrateRequest,
  intent: ApplyIntent,
  g: OrchestrateGovernance,
): string[] => [
  '--repo',
  r.repo,
  '--promotion-state-file',
  r.files.promotionCiResultFile,
  '--intent',
  intent,
  '--by',
  g.actor,
  '--approval-ref',
  g.approvalRef,
  '--rationale',
  g.rationale,
  '--review-by',
  g.reviewBy,
  ...(intent === 'expand' ? ['--expand-step', String(r.expandStep)] : []),
  ...opt('--idempotency-key', r.idempotencyKey),
  ...opt('--trace-id', r.traceId),
  ...opt('--loop-id', r.loopId),
  ...opt('--horizon-ref', r.horizonRef),
  ...r.evidenceRefs.flatMap((ref) => ['--evidence-ref', ref]),
];
