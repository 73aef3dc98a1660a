// The promotion decision: the five gates over one body of evidence, combined into `promote` (no gate
// failed) or `hold`, with the failed gates and the sorted union of their reasons. Laws: decision is
// promote exactly when failedGates is empty, exactly when reasonCodes is empty; gatePassCount +
// gateFailCount = 5; reasonCodes are sorted, unique and all on the closed list. Pure: asOf is data.
import { decide, type Decision } from '../core/decision.js';
import { parseIso } from '../core/time.js';
import type { AutopauseStreakState } from './promotion-autopause.js';
import {
  drillGate,
  governanceGate,
  manualBacklogGate,
  reliabilityGate,
  safetyGate,
  type DrillEvidence,
  type HandoffEvidence,
  type PromotionThresholds,
} from './promotion-gates.js';
import type { AutonomousFacts } from './promotion-inputs.js';
import type { GateName, PromotionReasonCode } from './promotion-reasons.js';
import type {
  PromotionGatesDoc,
  PromotionSourceDoc,
  PromotionState,
  PromotionSummaryDoc,
} from './promotion-codecs.js';
import type * as io from 'io-ts';

export const DEFAULT_PROMOTION_THRESHOLDS: PromotionThresholds = {
  windowExecutions: 20,
  minSampleSize: 20,
  maxAmbiguityRate: 0.2,
  maxFailureRate: 0.2,
  maxManualBacklog: 5,
  maxDrillAgeHours: 168,
};

/** Everything the gates look at: fleet status facts, the folded handoff window, drill evidence. */
export interface PromotionEvidence {
  readonly autonomous: AutonomousFacts;
  readonly handoff: HandoffEvidence;
  readonly drills: DrillEvidence;
  readonly autopauseStreak: AutopauseStreakState | null;
}

export type PromotionDecisionValue = 'promote' | 'hold';

/** Pure: every gate's result, keyed as the reference's `gates` object. */
export const evaluateGates = (
  e: PromotionEvidence,
  t: PromotionThresholds,
  asOfMs: number,
): PromotionGates => ({
  governance: governanceGate(e.autonomous),
  outcomeReliability: reliabilityGate(e.handoff, t),
  manualBacklog: manualBacklogGate(e.autonomous, t),
  safetySuppression: safetyGate(e.autonomous, e.autopauseStreak),
  drillRecency: drillGate(e.drills, asOfMs, t),
});

export type PromotionGates = io.TypeOf<typeof PromotionGatesDoc>;

const GATE_KEYS: readonly (readonly [GateName, keyof PromotionGates])[] = [
  ['governance', 'governance'],
  ['outcome_reliability', 'outcomeReliability'],
  ['manual_backlog', 'manualBacklog'],
  ['safety_suppression', 'safetySuppression'],
  ['drill_recency', 'drillRecency'],
];

export type PromotionSummary = io.TypeOf<typeof PromotionSummaryDoc>;

export interface PromotionEvaluation {
  readonly decision: Decision<PromotionDecisionValue, PromotionReasonCode>;
  readonly summary: PromotionSummary;
  readonly gates: PromotionGates;
}

/** Pure: decides promotion at `asOf` (ISO; drill ages are measured from it). */
export const decidePromotion = (
  e: PromotionEvidence,
  t: PromotionThresholds,
  asOf: string,
): PromotionEvaluation => {
  const gates = evaluateGates(e, t, parseIso(asOf) ?? Number.NaN);
  const failedGates = GATE_KEYS.filter(([, key]) => gates[key].status === 'fail').map(([name]) => name);
  const reasonCodes = [...new Set(GATE_KEYS.flatMap(([, key]) => gates[key].reasons))].sort();
  const value: PromotionDecisionValue = failedGates.length === 0 ? 'promote' : 'hold';
  return {
    decision: decide(value, reasonCodes, asOf),
    summary: {
      decision: value,
      promote: value === 'promote',
      gatePassCount: GATE_KEYS.length - failedGates.length,
      gateFailCount: failedGates.length,
      failedGates,
      reasonCodes,
    },
    gates,
  };
};

/** Where the evidence came from and where the decision is written (the reference's `source`). */
export type PromotionSource = io.TypeOf<typeof PromotionSourceDoc>;

/** Pure: the promotion-state.json document (also the promotion.jsonl row and the command's output). */
export const promotionDocument = (
  ev: PromotionEvaluation,
  t: PromotionThresholds,
  meta: { readonly traceId: string; readonly source: PromotionSource },
): PromotionDocument => ({
  schemaVersion: 'v1',
  generatedAt: ev.decision.asOf,
  traceId: meta.traceId,
  source: meta.source,
  thresholds: t,
  summary: ev.summary,
  gates: ev.gates,
});

export type PromotionDocument = io.TypeOf<typeof PromotionState>;
