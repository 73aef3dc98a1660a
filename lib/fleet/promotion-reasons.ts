// The closed vocabulary of promotion decisions (seed 002 "Promotion Gate Reason Codes"): the five gate
// names, the drills and suppression paths the gates require, and every reason code a decision may carry.
// Law: every code a gate emits satisfies isPromotionReasonCode; drill codes exist only for required drills.

/** The gates, in the order the reference evaluates and reports them. */
export const GATE_NAMES = [
  'governance',
  'outcome_reliability',
  'manual_backlog',
  'safety_suppression',
  'drill_recency',
] as const;
export type GateName = (typeof GATE_NAMES)[number];

/** Drills whose passing evidence must be recent (fleet/drills/promotion.v1.json). */
export const REQUIRED_DRILLS = ['kill_switch', 'sprite_service_outage', 'ambiguous_retry_guard'] as const;
export type DrillId = (typeof REQUIRED_DRILLS)[number];

/** Suppression buckets fleet status must explain under autonomous.safetyGateDecisions.byPath. */
export const REQUIRED_SUPPRESSION_PATHS = [
  'policyGated',
  'rolloutGated',
  'governanceGated',
  'transportGated',
] as const;

/** Governance reason codes of fleet status that block promotion, each mapped to its promotion code. */
export const BLOCKING_GOVERNANCE_CODES = [
  'autonomous_governance_authority_missing',
  'autonomous_governance_review_deadline_missing',
  'autonomous_governance_review_expired',
] as const;

export const FIXED_PROMOTION_CODES = [
  'promotion_policy_mode_not_guarded_auto',
  'promotion_governance_posture_not_active',
  'promotion_governance_blocks_autonomous',
  'promotion_governance_authority_missing',
  'promotion_governance_review_deadline_missing',
  'promotion_governance_review_expired',
  'promotion_handoff_telemetry_missing',
  'promotion_handoff_telemetry_invalid',
  'promotion_autonomous_sample_insufficient',
  'promotion_autonomous_attempts_zero',
  'promotion_autonomous_ambiguity_rate_exceeded',
  'promotion_autonomous_failure_rate_exceeded',
  'promotion_manual_backlog_unavailable',
  'promotion_manual_backlog_exceeded',
  'promotion_autopause_active',
  'promotion_suppression_paths_missing',
  'promotion_drill_state_missing',
  'promotion_drill_state_invalid',
] as const;

export const DRILL_CODE_PREFIXES = [
  'promotion_drill_missing_',
  'promotion_drill_not_passed_',
  'promotion_drill_timestamp_invalid_',
  'promotion_drill_stale_',
] as const;

export type DrillReasonCode = `${(typeof DRILL_CODE_PREFIXES)[number]}${DrillId}`;
export type PromotionReasonCode = (typeof FIXED_PROMOTION_CODES)[number] | DrillReasonCode;

/** The CI wrapper's one code of its own: evidence files were missing and skip mode was on. */
export const CI_MISSING_EVIDENCE = 'promotion_ci_missing_evidence';

/** Every promotion reason code, fixed and per-drill, sorted. */
export const ALL_PROMOTION_CODES: readonly PromotionReasonCode[] = [
  ...FIXED_PROMOTION_CODES,
  ...DRILL_CODE_PREFIXES.flatMap((p) => REQUIRED_DRILLS.map((d) => `${p}${d}` as DrillReasonCode)),
].sort();

const known = new Set<string>(ALL_PROMOTION_CODES);

/** Pure: true when `code` belongs to the closed promotion list. */
export const isPromotionReasonCode = (code: string): code is PromotionReasonCode => known.has(code);
