// The policy, handoff and autonomous sections of fleet status: posture summaries, top candidates,
// handoff outcomes, the rollout posture, governance posture and the rollups of status-rollups.ts.
import { arr, at, compact, countBy, isObject, numOr, strOrNull } from './json.js';
import { governanceContext, type GovernanceContext } from './governance.js';
import { outcomeRollupOf, safetyGateDecisions, type OutcomeRollup } from './status-rollups.js';

const rank = (severity: unknown): number => (severity === 'critical' ? 0 : severity === 'warning' ? 1 : 2);

/** Pure: the five most severe candidates (stable within a severity). */
export const topCandidates = (policy: unknown): unknown[] =>
  arr(at(policy, 'candidates'))
    .map((c, i) => ({ c, i }))
    .sort((a, b) => rank(at(a.c, 'severity')) - rank(at(b.c, 'severity')) || a.i - b.i)
    .slice(0, 5)
    .map((p) => p.c);

export const policySection = (policy: unknown) =>
  isObject(policy)
    ? compact({
        mode: strOrNull(policy['mode']) ?? 'advisory',
        candidateCount: numOr(policy['candidateCount'], 0),
        unsuppressedCount: numOr(policy['unsuppressedCount'], 0),
        suppressedCount: numOr(policy['suppressedCount'], 0),
        reasonCodes: arr(policy['reasonCodes']),
        topCandidates: topCandidates(policy),
        traceId: strOrNull(policy['traceId']),
        updatedAt: strOrNull(policy['updatedAt']),
      })
    : null;

const reasonCodeCounts = (handoff: unknown) =>
  countBy(
    arr(at(handoff, 'execution', 'results')).flatMap((r) =>
      typeof at(r, 'reasonCode') === 'string' ? [at(r, 'reasonCode') as string] : [],
    ),
  );

const pendingManualOnly = (handoff: unknown): number =>
  arr(at(handoff, 'intents')).filter(
    (i) => at(i, 'status') === 'pending_operator_confirmation' && at(i, 'autonomous', 'manualOnly') === true,
  ).length;

const executionOf = (handoff: unknown) => {
  const x = at(handoff, 'execution');
  return compact({
    mode: strOrNull(at(x, 'mode')),
    requestedBy: strOrNull(at(x, 'requestedBy')),
    requestedAt: strOrNull(at(x, 'requestedAt')),
    completedAt: strOrNull(at(x, 'completedAt')),
    requestedIntentCount: numOr(at(x, 'requestedIntentCount'), 0),
    executedIntentCount: numOr(at(x, 'executedIntentCount'), 0),
    executedCount: numOr(at(x, 'executedCount'), 0),
    ambiguousCount: numOr(at(x, 'ambiguousCount'), 0),
    failedCount: numOr(at(x, 'failedCount'), 0),
    byReasonCode: reasonCodeCounts(handoff),
  });
};

export const handoffSection = (handoff: unknown, rollup: OutcomeRollup) => {
  if (!isObject(handoff)) return null;
  const s = (k: string, fallback = 0) => numOr(at(handoff, 'summary', k), fallback);
  return compact({
    mode: strOrNull(handoff['mode']),
    reasonCodes: arr(handoff['reasonCodes']),
    summary: {
      intentCount: s('intentCount', arr(handoff['intents']).length),
      autoEligibleIntentCount: s('autoEligibleIntentCount'),
      manualOnlyIntentCount: s('manualOnlyIntentCount'),
      pendingConfirmationCount: s('pendingConfirmationCount'),
      executedCount: s('executedCount'),
      ambiguousCount: s('ambiguousCount'),
      failedCount: s('failedCount'),
      autonomousOutcomeRollup: rollup,
    },
    execution: executionOf(handoff),
    byAutonomyReason: countBy(
      arr(handoff['intents']).flatMap((i) =>
        arr(at(i, 'autonomous', 'reasons')).filter((r): r is string => typeof r === 'string'),
      ),
    ),
    pendingManualOnlyCount: pendingManualOnly(handoff),
    traceId: strOrNull(handoff['traceId']),
    updatedAt: strOrNull(handoff['updatedAt']),
  });
};

const rolloutPause = (pause: unknown) => {
  const auto = at(pause, 'auto');
  return {
    active: at(pause, 'active') === true,
    reasons: arr(at(pause, 'reasons')),
    manual: at(pause, 'manual') === true,
    auto: {
      enabled: at(auto, 'enabled') !== false,
      active: at(auto, 'active') === true,
      reasons: arr(at(auto, 'reasons')),
      lookbackExecutions: at(auto, 'lookbackExecutions') ?? null,
      minSampleSize: at(auto, 'minSampleSize') ?? null,
      ambiguityRateThreshold: at(auto, 'ambiguityRateThreshold') ?? null,
      failureRateThreshold: at(auto, 'failureRateThreshold') ?? null,
      metrics: isObject(at(auto, 'metrics')) ? at(auto, 'metrics') : {},
    },
  };
};

const rolloutSection = (policy: unknown) => {
  if (!isObject(policy)) return null;
  const r = at(policy, 'autonomous', 'rollout');
  const pause = rolloutPause(at(r, 'pause'));
  const b = (k: string) => numOr(at(r, 'candidateBuckets', k), 0);
  return compact({
    canaryPercent: at(r, 'canaryPercent') ?? null,
    scopeLoopIds: arr(at(r, 'scopeLoopIds')),
    selectorSalt: at(r, 'selectorSalt') ?? null,
    candidateBuckets: {
      inScopeCount: b('inScopeCount'),
      inCohortCount: b('inCohortCount'),
      outOfCohortCount: b('outOfCohortCount'),
    },
    state: {
      active: pause.active,
      manualPauseActive: pause.manual,
      autoPauseActive: pause.auto.active,
      reasonCodes: pause.reasons,
    },
    autopause: pause.auto,
    pause,
  });
};

const handoffAutonomy = (handoff: unknown, rollup: OutcomeRollup) =>
  isObject(handoff)
    ? compact({
        autoEligibleIntentCount: numOr(at(handoff, 'summary', 'autoEligibleIntentCount'), 0),
        manualOnlyIntentCount: numOr(at(handoff, 'summary', 'manualOnlyIntentCount'), 0),
        pendingManualOnlyCount: pendingManualOnly(handoff),
        executionMode: strOrNull(at(handoff, 'execution', 'mode')),
        executedCount: numOr(at(handoff, 'execution', 'executedCount'), 0),
        ambiguousCount: numOr(at(handoff, 'execution', 'ambiguousCount'), 0),
        failedCount: numOr(at(handoff, 'execution', 'failedCount'), 0),
        outcomeRollup: rollup,
        outcomeReasonCodes: reasonCodeCounts(handoff),
      })
    : null;

/** Pure: the governance context status reports (null without a policy state). */
export const statusGovernance = (policy: unknown, asOfMs: number): GovernanceContext | null =>
  isObject(policy)
    ? governanceContext(
        strOrNull(policy['mode']) ?? 'advisory',
        at(policy, 'autonomous', 'governance') ?? {},
        asOfMs,
      )
    : null;

/** Pure: the `autonomous` section of fleet status (null without policy and handoff states). */
export const autonomousSection = (policy: unknown, handoff: unknown, asOfMs: number) => {
  if (!isObject(policy) && !isObject(handoff)) return null;
  const mode = (isObject(policy) ? strOrNull(policy['mode']) : strOrNull(at(handoff, 'mode'))) ?? 'advisory';
  const rollup = outcomeRollupOf(handoff, policy);
  const governance = statusGovernance(policy, asOfMs);
  return compact({
    mode,
    enabled: mode === 'guarded_auto',
    policyReasonCodes: arr(at(policy, 'reasonCodes')),
    handoffReasonCodes: arr(at(handoff, 'reasonCodes')),
    eligibleCandidateCount: numOr(at(policy, 'autoEligibleCount'), 0),
    manualOnlyCandidateCount: numOr(at(policy, 'manualOnlyCount'), 0),
    outcomeRollup: rollup,
    governance,
    safetyGateDecisions: safetyGateDecisions(policy, handoff, governance),
    rollout: rolloutSection(policy),
    handoff: handoffAutonomy(handoff, rollup),
  });
};
