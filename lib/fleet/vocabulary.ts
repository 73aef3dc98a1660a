// The fleet's closed vocabularies: candidate categories, intents, severities, confidences and every
// reason code the fleet artifacts may carry (the seed's "Fleet Reason Codes" plus the autonomous
// gate codes the policy, handoff and status documents use). Tests check that each is produced.

export const CATEGORIES = ['reconcile_failed', 'health_critical', 'health_degraded'] as const;
export type Category = (typeof CATEGORIES)[number];

export const INTENTS = ['cancel'] as const;
export const SEVERITIES = ['critical', 'warning', 'info'] as const;
export type Severity = (typeof SEVERITIES)[number];
export const CONFIDENCES = ['high', 'medium', 'low'] as const;
export type Confidence = (typeof CONFIDENCES)[number];
export const MODES = ['advisory', 'guarded_auto'] as const;
export type PolicyMode = (typeof MODES)[number];

/** Pure: 3 for critical/high, 2 for warning/medium, 1 for info/low, 0 otherwise. */
const rank = (list: readonly string[], x: string): number => {
  const i = list.indexOf(x);
  return i < 0 ? 0 : list.length - i;
};
export const severityRank = (s: string): number => rank(SEVERITIES, s);
export const confidenceRank = (c: string): number => rank(CONFIDENCES, c);

/** The seed's fleet reason codes (state, policy, handoff). */
export const FLEET_REASON_CODES = [
  'fleet_partial_failure',
  'fleet_reconcile_failed',
  'fleet_health_critical',
  'fleet_health_degraded',
  'fleet_loop_skipped',
  'fleet_action_required',
  'fleet_actions_suppressed',
  'fleet_actions_policy_suppressed',
  'fleet_actions_deduped',
  'fleet_auto_candidates_eligible',
  'fleet_auto_candidates_blocked',
  'fleet_auto_candidates_rollout_gated',
  'fleet_auto_candidates_paused',
  'fleet_auto_candidates_autopause_triggered',
  'fleet_auto_kill_switch_enabled',
  'fleet_auto_candidates_safety_blocked',
  'fleet_handoff_action_required',
  'fleet_handoff_no_action',
  'fleet_handoff_confirmation_pending',
  'fleet_handoff_partial_mapping',
  'fleet_handoff_unmapped_candidates',
  'fleet_handoff_retry_guarded',
  'fleet_handoff_auto_eligible_intents',
  'fleet_handoff_executed',
  'fleet_handoff_execution_ambiguous',
  'fleet_handoff_execution_failed',
] as const;
export type FleetReasonCode = (typeof FLEET_REASON_CODES)[number] | 'no_action_required';

/** Why a candidate is not eligible by policy (the "policyGated" path of fleet status). */
export const POLICY_GATE_REASONS = [
  'policy_mode_not_guarded_auto',
  'candidate_suppressed',
  'category_not_allowlisted',
  'intent_not_allowlisted',
  'no_recommended_intent',
  'severity_below_threshold',
  'confidence_below_threshold',
  'autonomous_kill_switch_enabled',
  'autonomous_cooldown_active',
  'autonomous_max_actions_per_run_exceeded',
  'autonomous_max_actions_per_loop_exceeded',
] as const;

/** Why a candidate is outside the rollout (the "rolloutGated" path). */
export const ROLLOUT_GATE_REASONS = [
  'autonomous_rollout_scope_excluded',
  'autonomous_rollout_canary_excluded',
  'autonomous_rollout_paused_manual',
  'autonomous_rollout_paused_auto',
  'autonomous_autopause_ambiguous_spike',
  'autonomous_autopause_failure_spike',
] as const;

/** Why the handoff held an eligible intent back (opsfold adds the registry-live ones). */
export const HANDOFF_GUARD_REASONS = [
  'autonomous_retry_guard_ambiguous',
  'autonomous_retry_guard_failed',
] as const;

export const GOVERNANCE_REASONS = [
  'autonomous_governance_authority_missing',
  'autonomous_governance_review_deadline_missing',
  'autonomous_governance_review_expired',
  'autonomous_governance_review_due_soon',
] as const;

export const SUPPRESSION_PATH_REASONS = [
  'autonomous_suppression_policy_gated',
  'autonomous_suppression_rollout_gated',
  'autonomous_suppression_governance_gated',
  'autonomous_suppression_transport_gated',
] as const;
