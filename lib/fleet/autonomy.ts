// Autonomous eligibility of one candidate before the safety rails: the policy gates (mode,
// suppression, allowlists, severity and confidence thresholds) and the rollout gates (scope, canary
// cohort, manual pause, auto-pause). Every failed gate is a reason code; no reason means the
// candidate may go on to the safety rails.
import { cohortOf, type CohortDecision } from './cohort.js';
import type { AutoPauseState } from './autopause.js';
import type { Candidate } from './candidates.js';
import type { AutonomousControls } from './registry-types.js';
import { confidenceRank, severityRank, type PolicyMode } from './vocabulary.js';
import { uniqueSorted } from './json.js';

export interface PauseState {
  readonly active: boolean;
  readonly reasons: readonly string[];
  readonly manual: boolean;
  readonly auto: AutoPauseState;
}

/** Pure: the rollout pause (manual flag or triggered auto-pause). */
export const pauseOf = (manual: boolean, auto: AutoPauseState): PauseState => {
  const reasons = [
    ...(manual ? ['autonomous_rollout_paused_manual'] : []),
    ...(auto.active ? ['autonomous_rollout_paused_auto'] : []),
  ];
  return { active: reasons.length > 0, reasons: uniqueSorted(reasons), manual, auto };
};

export interface Gates {
  readonly modeGuardedAuto: boolean;
  readonly suppressed: boolean;
  readonly categoryAllowed: boolean;
  readonly intentAllowed: boolean;
  readonly severityMeetsThreshold: boolean;
  readonly confidenceMeetsThreshold: boolean;
  readonly rolloutScopeAllowed: boolean;
  readonly rolloutCanarySelected: boolean;
}

export interface Gated {
  readonly gates: Gates;
  readonly cohort: CohortDecision;
  readonly reasons: readonly string[];
}

const policyReasons = (g: Gates, hasIntent: boolean): string[] => [
  ...(g.modeGuardedAuto ? [] : ['policy_mode_not_guarded_auto']),
  ...(g.suppressed ? ['candidate_suppressed'] : []),
  ...(g.categoryAllowed ? [] : ['category_not_allowlisted']),
  ...(!hasIntent ? ['no_recommended_intent'] : g.intentAllowed ? [] : ['intent_not_allowlisted']),
  ...(g.severityMeetsThreshold ? [] : ['severity_below_threshold']),
  ...(g.confidenceMeetsThreshold ? [] : ['confidence_below_threshold']),
];

const rolloutReasons = (c: CohortDecision, pause: PauseState): string[] => [
  ...(c.inScope ? [] : ['autonomous_rollout_scope_excluded']),
  ...(c.inScope && !c.canarySelected ? ['autonomous_rollout_canary_excluded'] : []),
  ...pause.reasons,
  ...pause.auto.reasons,
];

/** Pure: the gates and gating reasons of a candidate. */
export const gateCandidate = (
  c: Candidate,
  mode: PolicyMode,
  controls: AutonomousControls,
  pause: PauseState,
): Gated => {
  const r = controls.rollout;
  const cohort = cohortOf(c.loopId, {
    canaryPercent: r.canaryPercent,
    scopeLoopIds: r.scope.loopIds,
    salt: r.selector.salt,
  });
  const gates: Gates = {
    modeGuardedAuto: mode === 'guarded_auto',
    suppressed: c.suppressed,
    categoryAllowed: controls.allow.categories.includes(c.category),
    intentAllowed: controls.allow.intents.includes(c.recommendedIntent),
    severityMeetsThreshold: severityRank(c.severity) >= severityRank(controls.thresholds.minSeverity),
    confidenceMeetsThreshold:
      confidenceRank(c.confidence) >= confidenceRank(controls.thresholds.minConfidence),
    rolloutScopeAllowed: cohort.inScope,
    rolloutCanarySelected: cohort.canarySelected,
  };
  const reasons = uniqueSorted([
    ...policyReasons(gates, c.recommendedIntent !== ''),
    ...rolloutReasons(cohort, pause),
  ]);
  return { gates, cohort, reasons };
};
