// The policy, handoff and autonomous sections of fleet status: posture summaries, top candidates,
// handoff outcomes, the rollout posture, governance posture and the rollups of status-rollups.ts.
import { compact, countBy } from './json.js';
import { governanceContext, type GovernanceContext } from './governance.js';
import {
  outcomeRollupOf,
  pendingManualOnly,
  safetyGateDecisions,
  type OutcomeRollup,
} from './status-rollups.js';
import type { StatusHandoff, StatusPolicy } from './status-views.js';

type Policy = StatusPolicy | undefined;
type Handoff = StatusHandoff | undefined;

const rank = (severity: string | undefined): number =>
  severity === 'critical' ? 0 : severity === 'warning' ? 1 : 2;

/** Pure: the five most severe candidates as written (stable within a severity). */
export const topCandidates = (policy: StatusPolicy): unknown[] =>
  policy.candidates
    .map((c, i) => ({ c, i }))
    .sort((a, b) => rank(a.c.read.severity) - rank(b.c.read.severity) || a.i - b.i)
    .slice(0, 5)
    .map((p) => p.c.value);

export const policySection = (policy: Policy) =>
  policy === undefined
    ? null
    : compact({
        mode: policy.mode,
        candidateCount: policy.candidateCount,
        unsuppressedCount: policy.unsuppressedCount,
        suppressedCount: policy.suppressedCount,
        reasonCodes: policy.reasonCodes,
        topCandidates: topCandidates(policy),
        traceId: policy.traceId,
        updatedAt: policy.updatedAt,
      });

const reasonCodeCounts = (handoff: StatusHandoff) =>
  countBy(handoff.execution.results.flatMap((r) => (r.reasonCode !== undefined ? [r.reasonCode] : [])));

const executionOf = (handoff: StatusHandoff) => {
  const { results: _results, ...x } = handoff.execution;
  return compact({ ...x, byReasonCode: reasonCodeCounts(handoff) });
};

export const handoffSection = (handoff: Handoff, rollup: OutcomeRollup) => {
  if (handoff === undefined) return null;
  const { intentCount, ...s } = handoff.summary;
  return compact({
    mode: handoff.mode,
    reasonCodes: handoff.reasonCodes,
    summary: { ...s, intentCount: intentCount ?? handoff.intents.length, autonomousOutcomeRollup: rollup },
    execution: executionOf(handoff),
    byAutonomyReason: countBy(handoff.intents.flatMap((i) => i.autonomous.reasons)),
    pendingManualOnlyCount: pendingManualOnly(handoff),
    traceId: handoff.traceId,
    updatedAt: handoff.updatedAt,
  });
};

const rolloutSection = (policy: Policy) => {
  if (policy === undefined) return null;
  const r = policy.autonomous.rollout;
  const pause = r.pause;
  return compact({
    canaryPercent: r.canaryPercent,
    scopeLoopIds: r.scopeLoopIds,
    selectorSalt: r.selectorSalt,
    candidateBuckets: r.candidateBuckets,
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

const handoffAutonomy = (handoff: Handoff, rollup: OutcomeRollup) =>
  handoff === undefined
    ? null
    : compact({
        autoEligibleIntentCount: handoff.summary.autoEligibleIntentCount,
        manualOnlyIntentCount: handoff.summary.manualOnlyIntentCount,
        pendingManualOnlyCount: pendingManualOnly(handoff),
        executionMode: handoff.execution.mode,
        executedCount: handoff.execution.executedCount,
        ambiguousCount: handoff.execution.ambiguousCount,
        failedCount: handoff.execution.failedCount,
        outcomeRollup: rollup,
        outcomeReasonCodes: reasonCodeCounts(handoff),
      });

/** Pure: the governance context status reports (null without a policy state). */
export const statusGovernance = (policy: Policy, asOfMs: number): GovernanceContext | null =>
  policy === undefined ? null : governanceContext(policy.mode, policy.autonomous.governance, asOfMs);

const candidatePosture = (policy: Policy) => ({
  policyReasonCodes: policy?.reasonCodes ?? [],
  eligibleCandidateCount: policy?.autoEligibleCount ?? 0,
  manualOnlyCandidateCount: policy?.manualOnlyCount ?? 0,
});

/** Pure: the `autonomous` section of fleet status (null without policy and handoff states). */
export const autonomousSection = (policy: Policy, handoff: Handoff, asOfMs: number) => {
  if (policy === undefined && handoff === undefined) return null;
  const mode = policy !== undefined ? policy.mode : (handoff?.mode ?? 'advisory');
  const rollup = outcomeRollupOf(handoff, policy);
  const governance = statusGovernance(policy, asOfMs);
  return compact({
    mode,
    enabled: mode === 'guarded_auto',
    ...candidatePosture(policy),
    handoffReasonCodes: handoff?.reasonCodes ?? [],
    outcomeRollup: rollup,
    governance,
    safetyGateDecisions: safetyGateDecisions(policy, handoff, governance),
    rollout: rolloutSection(policy),
    handoff: handoffAutonomy(handoff, rollup),
  });
};
