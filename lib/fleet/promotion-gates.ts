// The five promotion gates, each a pure function of folded evidence and thresholds (seed 002 "Promotion
// Gates", "Dogfood Promotion Gates"; reference ops-manager-promotion-gates.sh). A gate passes exactly when
// it has no reason; its reasons come from the closed list in promotion-reasons.ts, in the reference's order.
import type { AutopauseStreakState } from './promotion-autopause.js';
import type { AutonomousFacts } from './promotion-inputs.js';
import { asRecord, parseStrictIso } from './promotion-inputs.js';
import {
  BLOCKING_GOVERNANCE_CODES,
  REQUIRED_DRILLS,
  REQUIRED_SUPPRESSION_PATHS,
  type DrillReasonCode,
  type PromotionReasonCode,
} from './promotion-reasons.js';
import type { HandoffWindowState, InvalidRow } from './promotion-window.js';
import { windowTotals } from './promotion-window.js';

export interface PromotionThresholds {
  readonly windowExecutions: number;
  readonly minSampleSize: number;
  readonly maxAmbiguityRate: number;
  readonly maxFailureRate: number;
  readonly maxManualBacklog: number;
  readonly maxDrillAgeHours: number;
}

export type GateStatus = 'pass' | 'fail';

export interface GateBase {
  readonly status: GateStatus;
  readonly reasons: readonly PromotionReasonCode[];
}

export type HandoffEvidence =
  | { readonly kind: 'missing' }
  | { readonly kind: 'read'; readonly window: HandoffWindowState; readonly corrupt: InvalidRow | null };

export type DrillEvidence =
  | { readonly kind: 'missing' }
  | { readonly kind: 'invalid'; readonly reason: string }
  | { readonly kind: 'ok'; readonly drills: readonly unknown[] };

const gate = <D extends object>(reasons: readonly PromotionReasonCode[], details: D): GateBase & D => ({
  status: reasons.length === 0 ? 'pass' : 'fail',
  reasons,
  ...details,
});

const when = <C extends PromotionReasonCode>(cond: boolean, code: C): C[] => (cond ? [code] : []);

/** Governance posture: guarded_auto mode, posture `active`, nothing blocking, no missing authority or deadline. */
export const governanceGate = (f: AutonomousFacts) => {
  const mapped = BLOCKING_GOVERNANCE_CODES.filter((c) => f.governanceReasonCodes.includes(c)).map(
    (c) => `promotion_${c.replace(/^autonomous_/, '')}` as PromotionReasonCode,
  );
  return gate(
    [
      ...when(!f.enabled, 'promotion_policy_mode_not_guarded_auto'),
      ...when(f.posture !== 'active', 'promotion_governance_posture_not_active'),
      ...when(f.blocksAutonomous, 'promotion_governance_blocks_autonomous'),
      ...mapped,
    ],
    { posture: f.posture, blocksAutonomous: f.blocksAutonomous, reasonCodes: f.governanceReasonCodes },
  );
};

const rate = (n: number, d: number): number => (d > 0 ? n / d : 0);

/**
 * Outcome reliability over the last `windowExecutions` autonomous executions. Missing or invalid
 * telemetry counts as an empty window (as in the reference), so it also reports the sample short.
 */
export const reliabilityGate = (h: HandoffEvidence, t: PromotionThresholds) => {
  const invalidRow = h.kind === 'read' ? (h.corrupt ?? h.window.invalid) : null;
  const runs = h.kind === 'read' && invalidRow === null ? h.window.window.slice(-t.windowExecutions) : [];
  const totals = windowTotals(runs);
  const ambiguityRate = rate(totals.ambiguous, totals.attempted);
  const failureRate = rate(totals.failed, totals.attempted);
  const enough = totals.sampleRuns >= t.minSampleSize;
  return gate(
    [
      ...when(h.kind === 'missing', 'promotion_handoff_telemetry_missing'),
      ...when(invalidRow !== null, 'promotion_handoff_telemetry_invalid'),
      ...when(!enough, 'promotion_autonomous_sample_insufficient'),
      ...when(enough && totals.attempted === 0, 'promotion_autonomous_attempts_zero'),
      ...when(
        totals.attempted > 0 && ambiguityRate > t.maxAmbiguityRate,
        'promotion_autonomous_ambiguity_rate_exceeded',
      ),
      ...when(
        totals.attempted > 0 && failureRate > t.maxFailureRate,
        'promotion_autonomous_failure_rate_exceeded',
      ),
    ],
    { ...totals, ambiguityRate, failureRate, ...(invalidRow === null ? {} : { invalidRow }) },
  );
};

/** Manual backlog: fleet status must report `manual_backlog`, and it must not exceed the bound. */
export const manualBacklogGate = (f: AutonomousFacts, t: PromotionThresholds) =>
  gate(
    [
      ...when(f.manualBacklog === null, 'promotion_manual_backlog_unavailable'),
      ...when(
        f.manualBacklog !== null && f.manualBacklog > t.maxManualBacklog,
        'promotion_manual_backlog_exceeded',
      ),
    ],
    { manualBacklog: f.manualBacklog },
  );

/** Safety/suppression stability: no active auto-pause, and every suppression path explained. */
export const safetyGate = (f: AutonomousFacts, streak: AutopauseStreakState | null) => {
  const missingPaths = REQUIRED_SUPPRESSION_PATHS.filter((p) => f.byPath === null || !(p in f.byPath));
  return gate(
    [
      ...when(f.autopauseActive, 'promotion_autopause_active'),
      ...when(missingPaths.length > 0, 'promotion_suppression_paths_missing'),
    ],
    {
      autopauseActive: f.autopauseActive,
      missingPaths,
      byPath: f.byPath,
      autopauseStreak: streak === null ? null : { evaluations: streak.streak, since: streak.since },
    },
  );
};

const drillReasons = (drills: readonly unknown[], asOfMs: number, maxAgeHours: number): DrillReasonCode[] =>
  REQUIRED_DRILLS.flatMap((id): DrillReasonCode[] => {
    const drill = drills.map(asRecord).find((d) => d !== null && d['id'] === id);
    if (drill === undefined || drill === null) return [`promotion_drill_missing_${id}`];
    const completed = parseStrictIso(drill['completedAt']);
    const ageHours = completed === null ? null : (asOfMs - completed) / 3_600_000;
    return [
      ...when(drill['status'] !== 'pass', `promotion_drill_not_passed_${id}` as const),
      ...when(completed === null, `promotion_drill_timestamp_invalid_${id}` as const),
      ...when(ageHours !== null && ageHours > maxAgeHours, `promotion_drill_stale_${id}` as const),
    ];
  });

/** Drill recency: each required drill present, passed, timestamped and no older than maxDrillAgeHours. */
export const drillGate = (d: DrillEvidence, asOfMs: number, t: PromotionThresholds) =>
  gate(
    [
      ...when(d.kind === 'missing', 'promotion_drill_state_missing'),
      ...when(d.kind === 'invalid', 'promotion_drill_state_invalid'),
      ...(d.kind === 'ok' ? drillReasons(d.drills, asOfMs, t.maxDrillAgeHours) : []),
    ],
    {
      requiredDrills: [...REQUIRED_DRILLS],
      drills: d.kind === 'ok' ? d.drills : [],
      ...(d.kind === 'invalid' ? { invalidReason: d.reason } : {}),
    },
  );
