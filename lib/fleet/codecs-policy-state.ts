// `fleet/policy-state.json` with every key opsfold writes: the candidates with their autonomous
// verdicts (gates, safety rails, rollout cohort and pause), the controls the run used, the summaries
// and the reason codes. The policy state function is typed from this codec.
import * as t from 'io-ts';
import { nullable } from '../core/codec.js';
import { CATEGORIES, type Category } from './vocabulary.js';

const Str = t.string;
const Num = t.number;
const Bool = t.boolean;
const Strs = t.readonlyArray(t.string);
const Counts = t.record(Str, Num);
const CategoryCode = t.keyof(
  Object.fromEntries(CATEGORIES.map((c) => [c, null])) as Record<Category, null>,
  'Category',
);

const Governance = t.partial(
  { actor: Str, approvalRef: Str, rationale: Str, changedAt: Str, reviewBy: Str, reviewWindowDays: Num },
  'PolicyGovernance',
);

const AutoPause = t.type(
  {
    enabled: Bool,
    lookbackExecutions: Num,
    minSampleSize: Num,
    ambiguityRateThreshold: Num,
    failureRateThreshold: Num,
  },
  'AutoPause',
);

const Controls = t.type(
  {
    enabled: Bool,
    allow: t.type({ categories: Strs, intents: Strs }),
    thresholds: t.type({ minSeverity: Str, minConfidence: Str }),
    safety: t.type({ maxActionsPerRun: Num, maxActionsPerLoop: Num, cooldownSeconds: Num, killSwitch: Bool }),
    governance: Governance,
    rollout: t.type({
      canaryPercent: Num,
      scope: t.type({ loopIds: Strs }),
      selector: t.type({ salt: Str }),
      pause: t.type({ manual: Bool }),
      autoPause: AutoPause,
    }),
  },
  'AutonomousControls',
);

const PauseState = t.type(
  {
    active: Bool,
    reasons: Strs,
    manual: Bool,
    auto: t.intersection([
      AutoPause,
      t.type({
        active: Bool,
        reasons: Strs,
        metrics: t.type({
          windowExecutionCount: Num,
          attemptedCount: Num,
          executedCount: Num,
          ambiguousCount: Num,
          failedCount: Num,
          ambiguityRate: Num,
          failureRate: Num,
        }),
      }),
    ]),
  },
  'PauseState',
);

const CandidateAutonomy = t.type(
  {
    mode: t.keyof({ advisory: null, guarded_auto: null }),
    eligible: Bool,
    manualOnly: Bool,
    reasons: Strs,
    gatingReasons: Strs,
    recommendedIntent: Str,
    gates: t.type({
      modeGuardedAuto: Bool,
      suppressed: Bool,
      categoryAllowed: Bool,
      intentAllowed: Bool,
      severityMeetsThreshold: Bool,
      confidenceMeetsThreshold: Bool,
      rolloutScopeAllowed: Bool,
      rolloutCanarySelected: Bool,
    }),
    safety: t.type({
      maxActionsPerRun: Num,
      maxActionsPerLoop: Num,
      cooldownSeconds: Num,
      killSwitch: Bool,
      cooldown: t.type({ active: Bool, remainingSeconds: Num, lastEligibleAt: nullable(Str) }),
      killSwitchActive: Bool,
      runCapBlocked: Bool,
      loopCapBlocked: Bool,
    }),
    rollout: t.type({
      canaryPercent: Num,
      scopeLoopIds: Strs,
      selector: t.type({ salt: Str, bucket: Num, inScope: Bool, canarySelected: Bool, inCohort: Bool }),
      pause: PauseState,
    }),
  },
  'CandidateAutonomy',
);

export const PolicyCandidate = t.type(
  {
    candidateId: Str,
    loopId: Str,
    category: CategoryCode,
    signal: Str,
    traceId: nullable(Str),
    severity: Str,
    confidence: Str,
    rationale: Str,
    taxonomyVersion: t.literal('v1'),
    recommendedIntent: Str,
    suppressed: Bool,
    suppressionScope: nullable(t.keyof({ loop: null, global: null, cooldown: null })),
    suppressionReason: nullable(Str),
    suppressionSource: nullable(Str),
    cooldown: t.type({
      enabled: Bool,
      windowSeconds: Num,
      active: Bool,
      remainingSeconds: Num,
      lastUnsuppressedAt: nullable(Str),
    }),
    autonomous: CandidateAutonomy,
  },
  'PolicyCandidate',
);

const Summary = t.type(
  {
    bySeverity: t.type({ critical: Num, warning: Num, info: Num }),
    byConfidence: t.type({ high: Num, medium: Num, low: Num }),
    byCategory: Counts,
    bySuppressionReason: Counts,
    byAutonomy: t.type({ eligible: Num, manualOnly: Num }),
    byAutonomyReason: Counts,
  },
  'PolicySummary',
);

/** `fleet/policy-state.json`: the latest advisory candidates, suppression and autonomy state. */
export const PolicyStateDoc = t.type(
  {
    schemaVersion: t.literal('v1'),
    updatedAt: Str,
    fleetId: Str,
    traceId: Str,
    mode: t.keyof({ advisory: null, guarded_auto: null }),
    fleetStatus: Str,
    source: t.type({ fleetStateFile: Str, registryFile: Str }),
    taxonomy: t.type({
      version: t.literal('v1'),
      categories: t.readonlyArray(t.type({ category: Str, severity: Str, confidence: Str })),
    }),
    noiseControls: t.type({
      dedupeWindowSeconds: Num,
      policyHistoryFile: Str,
      handoffTelemetryFile: Str,
      governanceAuditFile: Str,
    }),
    autonomous: t.type({
      enabled: Bool,
      governanceAuditFile: Str,
      controls: Controls,
      rollout: t.type({
        canaryPercent: Num,
        scopeLoopIds: Strs,
        selectorSalt: Str,
        candidateBuckets: t.type({ inScopeCount: Num, inCohortCount: Num, outOfCohortCount: Num }),
        pause: PauseState,
      }),
      governance: t.intersection([
        Governance,
        t.type({
          authorityContextPresent: Bool,
          requiredForGuardedAuto: t.literal(true),
          posture: Str,
          reasonCodes: Strs,
        }),
      ]),
    }),
    evaluatedLoopCount: Num,
    candidateCount: Num,
    unsuppressedCount: Num,
    suppressedCount: Num,
    cooldownSuppressedCount: Num,
    autoEligibleCount: Num,
    manualOnlyCount: Num,
    candidates: t.readonlyArray(PolicyCandidate),
    summary: Summary,
    suppressionState: t.type({
      suppressions: t.record(Str, Strs),
      precedence: Strs,
      allowedCategories: Strs,
    }),
    reasonCodes: Strs,
  },
  'FleetPolicyState',
);
