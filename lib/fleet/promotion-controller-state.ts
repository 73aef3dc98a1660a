// The controller's state document from what a run got to: the guards' verdicts, what it planned and
// did, the verification, the seam context. A run that completes and one that a failing stage stops
// share every part but the decision block (a failed run has no freshness or budget block) and `error`.
import { isObject } from '../core/json-object.js';
import type {
  BudgetLimits,
  BudgetVerdict,
  FreezeVerdict,
  FreshnessVerdict,
} from './promotion-controller-budget.js';
import type {
  ControllerAction,
  ControllerReasonCode,
  ControllerStage,
  ControllerState,
  ControllerStatus,
  ControllerVerification,
} from './promotion-controller-codecs.js';
import type { ControllerRequest } from './promotion-controller-steps.js';

/** The guards' verdicts, known once the evaluate stage has run. */
export interface Guards {
  readonly freshness: FreshnessVerdict;
  readonly budget: BudgetVerdict;
  readonly freeze: FreezeVerdict;
  /** Budget and freeze reasons, unique and sorted. */
  readonly budgetReasons: readonly ControllerReasonCode[];
}

/** How far a run got. */
export interface Progress {
  /** The evaluated decision (null before the evaluate stage answered). */
  readonly promotionDecision: string | null;
  readonly promotionReasonCodes: unknown;
  readonly failedGates: unknown;
  readonly guards: Guards | null;
  readonly plannedAction: ControllerAction;
  readonly action: ControllerAction;
  readonly applyExecuted: boolean;
  readonly rollbackExecuted: boolean;
  readonly verification: ControllerVerification;
}

/** The run's instant and the state document the previous run left (null: none). */
export interface RunContext {
  readonly timestamp: string;
  readonly previousState: unknown;
}

export const startProgress: Progress = {
  promotionDecision: null,
  promotionReasonCodes: [],
  failedGates: [],
  guards: null,
  plannedAction: 'propose',
  action: 'propose',
  applyExecuted: false,
  rollbackExecuted: false,
  verification: { ran: false, status: 'skipped', decision: null, reasonCodes: [] },
};

/** Pure: unique and sorted, as the reference's `unique | sort`. */
export const uniqueSorted = <A extends string>(xs: readonly A[]): A[] => [...new Set(xs)].sort();

const orNull = (s: string | null): string | null => (s === null || s === '' ? null : s);

const truthyOrNull = (v: unknown): unknown => (v === undefined || v === null || v === false ? null : v);

const sharedParts = (r: ControllerRequest, p: Progress, c: RunContext) => {
  const prev = isObject(c.previousState) ? c.previousState : {};
  return {
    schemaVersion: 'v1' as const,
    timestamp: c.timestamp,
    category: 'promotion_controller_run' as const,
    mode: r.mode,
    execution: {
      plannedAction: p.plannedAction,
      action: p.action,
      applyExecuted: p.applyExecuted,
      rollbackExecuted: p.rollbackExecuted,
      applyIntent: p.applyExecuted ? r.applyIntent : null,
      expandStep: p.applyExecuted && r.applyIntent === 'expand' ? r.expandStep : null,
      idempotencyKey: orNull(r.idempotencyKey),
      governance: {
        actor: orNull(r.governance.actor),
        approvalRef: orNull(r.governance.approvalRef),
        rationale: orNull(r.governance.rationale),
        reviewBy: orNull(r.governance.reviewBy),
      },
    },
    verification: p.verification,
    context: {
      traceId: r.traceId,
      loopId: orNull(r.loopId),
      horizonRef: orNull(r.horizonRef),
      evidenceRefs: r.evidenceRefs,
    },
    files: r.files,
    observed: {
      hasPreviousState: c.previousState !== null,
      previousStatus: truthyOrNull(prev['status']),
      previousTimestamp: truthyOrNull(prev['timestamp']),
    },
  };
};

const budgetBlock = (limits: BudgetLimits, g: Guards) => ({
  windowHours: limits.windowHours,
  maxAppliesPerWindow: limits.maxAppliesPerWindow,
  maxExpandStepPerWindow: limits.maxExpandStepPerWindow,
  cooldownMinutes: limits.cooldownMinutes,
  applyCountInWindow: g.budget.applyCount,
  expandStepInWindow: g.budget.expandStepSum,
  cooldownRemainingSeconds: g.budget.cooldownRemainingSeconds,
  freezeWindowActive: g.freeze.active,
  freezeWindowsMatched: g.freeze.matched,
  reasons: g.budgetReasons,
});

const guardReasons = (p: Progress): ControllerReasonCode[] => [
  ...(p.guards?.freshness.reasons ?? []),
  ...(p.guards?.budgetReasons ?? []),
  ...p.verification.reasonCodes,
];

/** Pure: the state of a run that completed with `status`. */
export const completedState = (
  r: ControllerRequest,
  p: Progress & { readonly guards: Guards },
  c: RunContext,
  status: ControllerStatus,
): ControllerState => {
  const decision = p.promotionDecision ?? 'unknown';
  const reasons = guardReasons(p);
  if (r.mode === 'guarded_auto_apply' && decision !== 'promote')
    reasons.push('controller_decision_not_promote');
  if (p.rollbackExecuted && p.verification.reasonCodes.length > 0)
    reasons.push('controller_rollback_triggered');
  const { freshness } = p.guards;
  return {
    ...sharedParts(r, p, c),
    status,
    decision: {
      promotionDecision: decision,
      promotionReasonCodes: p.promotionReasonCodes,
      failedGates: p.failedGates,
      freshness: {
        pass: freshness.reasons.length === 0,
        ttlMinutes: r.decisionTtlMinutes,
        ageSeconds: freshness.ageSeconds,
        reasons: freshness.reasons,
      },
      budget: budgetBlock(r.budget, p.guards),
      reasonCodes: uniqueSorted(reasons),
    },
  };
};

export interface StageFailure {
  readonly stage: ControllerStage;
  readonly reasonCode: ControllerReasonCode;
  readonly exitCode: number;
  readonly output: string;
}

/** The reference keeps the first 4000 characters of a failing stage's output. */
const STDERR_LIMIT = 4000;

/** Pure: the state of a run a failing stage stopped. */
export const failedState = (
  r: ControllerRequest,
  p: Progress,
  c: RunContext,
  f: StageFailure,
): ControllerState => {
  const stderr = f.output.slice(0, STDERR_LIMIT);
  return {
    ...sharedParts(r, p, c),
    status: 'failed',
    decision: {
      promotionDecision: p.promotionDecision ?? 'unknown',
      promotionReasonCodes: p.promotionReasonCodes,
      failedGates: p.failedGates,
      reasonCodes: uniqueSorted([...guardReasons(p), f.reasonCode]),
    },
    error: { stage: f.stage, reasonCode: f.reasonCode, exitCode: f.exitCode, stderr: orNull(stderr) },
  };
};
