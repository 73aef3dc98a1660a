// The fleet policy state document (`fleet/policy-state.json`) and its telemetry line: counts,
// summaries by severity/confidence/category/suppression/autonomy, the rollout and governance
// context, and the reason codes (`fleet_action_required`, `fleet_actions_*`, `fleet_auto_*`).
// Law: a pure function of the evaluated candidates and the run's inputs.
import type * as t from 'io-ts';
import type { PolicyStateDoc as PolicyStateCodec } from './codecs-policy-state.js';
import { countBy, uniqueSorted } from './json.js';
import type { PauseState } from './autonomy.js';
import type { EvaluatedCandidate } from './policy-evaluate.js';
import type { AutonomousControls } from './registry-types.js';
import { governanceContext, authorityPresent } from './governance.js';
import type { FleetReasonCode, PolicyMode } from './vocabulary.js';
import { TAXONOMY } from './candidates.js';

export interface PolicyRun {
  readonly updatedAt: string;
  readonly asOfMs: number;
  readonly fleetId: string;
  readonly traceId: string;
  readonly mode: PolicyMode;
  readonly fleetStatus: string;
  readonly evaluatedLoopCount: number;
  readonly dedupeWindowSeconds: number;
  readonly controls: AutonomousControls;
  readonly suppressions: Readonly<Record<string, readonly string[]>>;
  readonly pause: PauseState;
  readonly files: {
    readonly fleetStateFile: string;
    readonly registryFile: string;
    readonly policyStateFile: string;
    readonly policyHistoryFile: string;
    readonly handoffTelemetryFile: string;
    readonly governanceAuditFile: string;
  };
}

const count = (cs: readonly EvaluatedCandidate[], p: (c: EvaluatedCandidate) => boolean): number =>
  cs.filter(p).length;

const summaryOf = (cs: readonly EvaluatedCandidate[]) => {
  const open = cs.filter((c) => !c.suppressed);
  return {
    bySeverity: {
      critical: count(cs, (c) => c.severity === 'critical'),
      warning: count(cs, (c) => c.severity === 'warning'),
      info: count(cs, (c) => c.severity === 'info'),
    },
    byConfidence: {
      high: count(cs, (c) => c.confidence === 'high'),
      medium: count(cs, (c) => c.confidence === 'medium'),
      low: count(cs, (c) => c.confidence === 'low'),
    },
    byCategory: countBy(cs.map((c) => c.category)),
    bySuppressionReason: countBy(
      cs.flatMap((c) => (c.suppressionReason === null ? [] : [c.suppressionReason])),
    ),
    byAutonomy: {
      eligible: count(open, (c) => c.autonomous.eligible),
      manualOnly: count(open, (c) => c.autonomous.manualOnly),
    },
    byAutonomyReason: countBy(open.flatMap((c) => c.autonomous.reasons)),
  };
};

const rolloutOf = (r: PolicyRun, cs: readonly EvaluatedCandidate[]) => ({
  canaryPercent: r.controls.rollout.canaryPercent,
  scopeLoopIds: r.controls.rollout.scope.loopIds,
  selectorSalt: r.controls.rollout.selector.salt,
  candidateBuckets: {
    inScopeCount: count(cs, (c) => c.autonomous.rollout.selector.inScope),
    inCohortCount: count(cs, (c) => c.autonomous.rollout.selector.inCohort),
    outOfCohortCount: count(
      cs,
      (c) => c.autonomous.rollout.selector.inScope && !c.autonomous.rollout.selector.inCohort,
    ),
  },
  pause: r.pause,
});

interface Facts {
  readonly open: number;
  readonly suppressed: number;
  readonly eligible: number;
  readonly autoPause: boolean;
  readonly by: (reason: string) => boolean;
  readonly suppressedBy: (reason: string) => boolean;
}

// The advisory codes hold in either mode; the autonomous ones only in guarded_auto.
const ADVISORY: readonly [FleetReasonCode, (f: Facts) => boolean][] = [
  ['fleet_actions_suppressed', (f) => f.suppressed > 0],
  ['fleet_actions_policy_suppressed', (f) => f.suppressedBy('registry_policy_suppression')],
  ['fleet_actions_deduped', (f) => f.suppressedBy('advisory_cooldown_active')],
];

const AUTONOMOUS: readonly [FleetReasonCode, (f: Facts) => boolean][] = [
  ['fleet_auto_candidates_eligible', (f) => f.eligible > 0],
  ['fleet_auto_candidates_blocked', (f) => f.open > 0 && f.eligible === 0],
  [
    'fleet_auto_candidates_rollout_gated',
    (f) => f.by('autonomous_rollout_scope_excluded') || f.by('autonomous_rollout_canary_excluded'),
  ],
  [
    'fleet_auto_candidates_paused',
    (f) => f.by('autonomous_rollout_paused_manual') || f.by('autonomous_rollout_paused_auto'),
  ],
  ['fleet_auto_candidates_autopause_triggered', (f) => f.autoPause],
  ['fleet_auto_kill_switch_enabled', (f) => f.by('autonomous_kill_switch_enabled')],
  [
    'fleet_auto_candidates_safety_blocked',
    (f) =>
      f.by('autonomous_cooldown_active') ||
      f.by('autonomous_max_actions_per_run_exceeded') ||
      f.by('autonomous_max_actions_per_loop_exceeded'),
  ],
];

/** Pure: the policy reason codes of the run's facts. */
const reasonCodesOf = (mode: PolicyMode, f: Facts): string[] =>
  uniqueSorted([
    f.open > 0 ? 'fleet_action_required' : 'no_action_required',
    ...[...ADVISORY, ...(mode === 'guarded_auto' ? AUTONOMOUS : [])].filter(([, p]) => p(f)).map(([c]) => c),
  ]);

/** The policy state document, as its codec names it. */
export type PolicyStateDoc = t.TypeOf<typeof PolicyStateCodec>;

/** Pure: the policy state document. */
export const policyState = (r: PolicyRun, cs: readonly EvaluatedCandidate[]): PolicyStateDoc => {
  const summary = summaryOf(cs);
  const open = count(cs, (c) => !c.suppressed);
  const suppressed = cs.length - open;
  const eligible = summary.byAutonomy.eligible;
  const fieldsPresent = authorityPresent(r.controls.governance);
  const context = governanceContext(
    r.mode,
    { ...r.controls.governance, authorityContextPresent: fieldsPresent },
    r.asOfMs,
  );
  // As the reference states it: authority context is required only for guarded_auto, so outside it the
  // context counts as present (the posture and reason codes above still judge the fields themselves).
  const governance = {
    ...r.controls.governance,
    requiredForGuardedAuto: true as const,
    authorityContextPresent: r.mode !== 'guarded_auto' || fieldsPresent,
  };
  return {
    schemaVersion: 'v1' as const,
    updatedAt: r.updatedAt,
    fleetId: r.fleetId,
    traceId: r.traceId,
    mode: r.mode,
    fleetStatus: r.fleetStatus,
    source: { fleetStateFile: r.files.fleetStateFile, registryFile: r.files.registryFile },
    taxonomy: {
      version: 'v1' as const,
      categories: Object.entries(TAXONOMY).map(([category, p]) => ({
        category,
        severity: p.severity,
        confidence: p.confidence,
      })),
    },
    noiseControls: {
      dedupeWindowSeconds: r.dedupeWindowSeconds,
      policyHistoryFile: r.files.policyHistoryFile,
      handoffTelemetryFile: r.files.handoffTelemetryFile,
      governanceAuditFile: r.files.governanceAuditFile,
    },
    autonomous: {
      enabled: r.mode === 'guarded_auto',
      governanceAuditFile: r.files.governanceAuditFile,
      controls: r.controls,
      rollout: rolloutOf(r, cs),
      governance: { ...governance, posture: context.posture, reasonCodes: context.reasonCodes },
    },
    evaluatedLoopCount: r.evaluatedLoopCount,
    candidateCount: cs.length,
    unsuppressedCount: open,
    suppressedCount: suppressed,
    cooldownSuppressedCount: count(cs, (c) => c.suppressionReason === 'advisory_cooldown_active'),
    autoEligibleCount: eligible,
    manualOnlyCount: summary.byAutonomy.manualOnly,
    candidates: cs,
    summary,
    suppressionState: {
      suppressions: r.suppressions,
      precedence: ['loop', 'global', 'cooldown'],
      allowedCategories: Object.keys(TAXONOMY),
    },
    reasonCodes: reasonCodesOf(r.mode, {
      open,
      suppressed,
      eligible,
      autoPause: r.pause.auto.active,
      by: (k) => (summary.byAutonomyReason[k] ?? 0) > 0,
      suppressedBy: (k) => (summary.bySuppressionReason[k] ?? 0) > 0,
    }),
  };
};

/** Pure: the line appended to `fleet/telemetry/policy.jsonl`. */
export const policyTelemetry = (s: PolicyStateDoc) => ({
  timestamp: s.updatedAt,
  category: 'fleet_policy',
  fleetId: s.fleetId,
  traceId: s.traceId,
  mode: s.mode,
  summary: {
    candidateCount: s.candidateCount,
    unsuppressedCount: s.unsuppressedCount,
    suppressedCount: s.suppressedCount,
    cooldownSuppressedCount: s.cooldownSuppressedCount,
    autoEligibleCount: s.autoEligibleCount,
    manualOnlyCount: s.manualOnlyCount,
    reasonCodes: s.reasonCodes,
    summary: s.summary,
    noiseControls: s.noiseControls,
    autonomous: s.autonomous,
  },
});
