// Fleet status from the documents an operator's fleet leaves behind: exception buckets, the outcome
// rollup, safety-gate decisions by path, rollout and governance posture, drill-down pointers.
import { describe, expect, it } from 'vitest';
import { fleetStatus, type StatusInputs } from './status.js';
import { decodeStatusDocs } from './status-views.js';

const res = (loopId: string, status: string, healthStatus: string, transport = 'local') => ({
  loopId,
  status,
  healthStatus,
  transport,
  healthReasonCodes: [],
  traceId: `trace-1-${loopId}`,
  files: {
    stateFile: `/tmp/${loopId}/state.json`,
    healthFile: `/tmp/${loopId}/health.json`,
    cursorFile: 'c',
    reconcileTelemetryFile: 'r',
  },
});
const fleet = {
  fleetId: 'fleet-vis',
  traceId: 'trace-1',
  status: 'partial_failure',
  reasonCodes: ['fleet_partial_failure'],
  loopCount: 3,
  successCount: 2,
  failedCount: 1,
  skippedCount: 0,
  results: [
    res('loop-red', 'failed', 'critical'),
    res('loop-blue', 'success', 'degraded', 'sprite_service'),
    res('loop-green', 'success', 'critical', 'sprite_service'),
  ],
};
const intent = (loopId: string, category: string, status: string, transport: string, autonomous: object) => ({
  intentId: `${loopId}:${category}:cancel`,
  loopId,
  intent: 'cancel',
  status,
  transport,
  autonomous,
});
// The reference's own status-visibility situation: authority context missing, an auto-pause on a
// failure spike, one loop outside the canary, one dispatch that failed over sprite_service.
const policy = {
  traceId: 'trace-policy-1',
  mode: 'guarded_auto',
  candidateCount: 3,
  unsuppressedCount: 3,
  suppressedCount: 0,
  autoEligibleCount: 1,
  manualOnlyCount: 2,
  summary: {
    byAutonomyReason: {
      category_not_allowlisted: 1,
      autonomous_max_actions_per_run_exceeded: 1,
      autonomous_rollout_canary_excluded: 1,
      autonomous_rollout_paused_auto: 1,
      autonomous_autopause_failure_spike: 1,
    },
  },
  autonomous: {
    governance: {
      actor: 'ops-user',
      approvalRef: 'CAB-501',
      rationale: 'guarded rollout expansion',
      changedAt: '2026-02-23T00:00:00Z',
      reviewBy: '2026-12-31T00:00:00Z',
      reviewWindowDays: 311,
      authorityContextPresent: false,
    },
    controls: { safety: { killSwitch: false } },
    rollout: {
      canaryPercent: 50,
      scopeLoopIds: ['loop-red', 'loop-blue', 'loop-green'],
      selectorSalt: 'fleet-autonomous-rollout-v1',
      candidateBuckets: { inScopeCount: 3, inCohortCount: 1, outOfCohortCount: 2 },
      pause: {
        active: true,
        reasons: ['autonomous_rollout_paused_auto'],
        manual: false,
        auto: {
          enabled: true,
          active: true,
          reasons: ['autonomous_autopause_failure_spike'],
          lookbackExecutions: 3,
          minSampleSize: 2,
          metrics: { failureRate: 0.5 },
        },
      },
    },
  },
  reasonCodes: ['fleet_action_required', 'fleet_auto_candidates_rollout_gated'],
  candidates: [
    { candidateId: 'a', severity: 'warning' },
    { candidateId: 'b', severity: 'critical' },
  ],
};
const handoff = {
  traceId: 'trace-handoff-1',
  mode: 'guarded_auto',
  summary: {
    intentCount: 3,
    autoEligibleIntentCount: 2,
    manualOnlyIntentCount: 1,
    pendingConfirmationCount: 1,
    executedCount: 1,
    ambiguousCount: 0,
    failedCount: 1,
  },
  reasonCodes: ['fleet_handoff_action_required', 'fleet_handoff_execution_failed'],
  intents: [
    intent('loop-red', 'reconcile_failed', 'executed', 'local', {
      eligible: true,
      manualOnly: false,
      reasons: [],
    }),
    intent('loop-blue', 'health_critical', 'pending_operator_confirmation', 'sprite_service', {
      eligible: false,
      manualOnly: true,
      reasons: ['autonomous_rollout_canary_excluded'],
    }),
    intent('loop-green', 'health_critical', 'execution_failed', 'sprite_service', {
      eligible: true,
      manualOnly: false,
      reasons: [],
    }),
  ],
  execution: {
    mode: 'autonomous',
    requestedBy: 'ops-bot',
    requestedIntentCount: 2,
    executedIntentCount: 2,
    executedCount: 1,
    ambiguousCount: 0,
    failedCount: 1,
    results: [
      { intentId: 'loop-red:reconcile_failed:cancel', status: 'executed', reasonCode: 'control_confirmed' },
      {
        intentId: 'loop-green:health_critical:cancel',
        status: 'failed',
        reasonCode: 'control_failed_command',
      },
    ],
  },
};
const lastHandoff = {
  timestamp: '2026-02-23T13:30:06Z',
  category: 'fleet_handoff_execute',
  traceId: 'trace-handoff-1',
  execution: {
    mode: 'autonomous',
    requestedIntentCount: 2,
    executedCount: 1,
    ambiguousCount: 0,
    failedCount: 1,
  },
  summary: {
    summary: { intentCount: 3, pendingManualOnlyCount: 1 },
    reasonCodes: ['fleet_handoff_execution_failed'],
  },
};
type RawDocs = Parameters<typeof decodeStatusDocs>[0];

/** The inputs the runner builds: the documents as parsed, decoded once. */
const inputs = (over: Partial<RawDocs> = {}): StatusInputs => ({
  generatedAt: '2026-02-23T14:00:00Z',
  asOfMs: Date.parse('2026-02-23T14:00:00Z'),
  repoPath: '/repo',
  registryFleetId: 'registry-fleet',
  ...decodeStatusDocs({
    fleet,
    policy,
    handoff,
    lastReconcileTelemetry: {
      timestamp: 't',
      status: 'partial_failure',
      reasonCodes: ['fleet_partial_failure'],
    },
    lastHandoffTelemetry: lastHandoff,
    ...over,
  }),
  files: {},
});

describe('given a partially failing guarded fleet', () => {
  const s = fleetStatus(inputs());

  it('the fleet section and exception buckets name the loops to look at', () => {
    expect(s.fleet).toMatchObject({
      status: 'partial_failure',
      partialFailure: true,
      reasonCodes: ['fleet_health_critical', 'fleet_partial_failure'],
    });
    expect(s.exceptions).toEqual({
      reconcileFailures: ['loop-red'],
      criticalLoops: ['loop-green', 'loop-red'],
      degradedLoops: ['loop-blue'],
      skippedLoops: [],
    });
    expect(s.healthRollup).toEqual({ healthy: 0, degraded: 1, critical: 2, unknown: 0 });
  });

  it('the governance posture says who, when, why and until when, and that authority is missing', () => {
    expect(s.autonomous?.governance).toMatchObject({
      changedBy: 'ops-user',
      changedAt: '2026-02-23T00:00:00Z',
      why: 'guarded rollout expansion',
      until: '2026-12-31T00:00:00Z',
      posture: 'authority_missing',
      reasonCodes: ['autonomous_governance_authority_missing'],
    });
  });

  it('the outcome rollup counts the autonomous execution and the manual backlog', () => {
    expect(s.autonomous?.outcomeRollup).toEqual({
      attempted: 2,
      executed: 1,
      ambiguous: 0,
      failed: 1,
      manual_backlog: 1,
    });
    expect(s.handoff?.summary.autonomousOutcomeRollup.manual_backlog).toBe(1);
    expect(s.latestHandoffTelemetry?.autonomousOutcomeRollup).toEqual({
      attempted: 2,
      executed: 1,
      ambiguous: 0,
      failed: 1,
      manual_backlog: 1,
    });
  });

  it('safety-gate decisions are bucketed by suppression path', () => {
    const g = s.autonomous?.safetyGateDecisions;
    expect(g?.byPath.policyGated.blockedCount).toBe(2);
    expect(g?.byPath.rolloutGated.blockedCount).toBe(3);
    expect(g?.byPath.governanceGated).toEqual({
      blockedCount: 3,
      reasonCodes: ['autonomous_governance_authority_missing'],
    });
    expect(g?.byPath.transportGated).toEqual({ blockedCount: 1, byReason: { control_failed_command: 1 } });
    expect(g?.suppressionReasonCodes).toEqual([
      'autonomous_suppression_governance_gated',
      'autonomous_suppression_policy_gated',
      'autonomous_suppression_rollout_gated',
      'autonomous_suppression_transport_gated',
    ]);
  });

  it('the rollout posture shows the auto-pause and the cohort buckets', () => {
    expect(s.autonomous?.rollout).toMatchObject({
      state: { active: true, manualPauseActive: false, autoPauseActive: true },
      autopause: { active: true, reasons: ['autonomous_autopause_failure_spike'] },
      candidateBuckets: { inScopeCount: 3, inCohortCount: 1, outOfCohortCount: 2 },
    });
  });

  it('each loop points at its artifacts, and the top candidates lead with the most severe', () => {
    expect(s.loops.find((l) => l['loopId'] === 'loop-red')?.['artifacts']).toMatchObject({
      stateFile: '/tmp/loop-red/state.json',
    });
    expect(s.policy?.topCandidates?.map((c) => (c as { candidateId: string }).candidateId)).toEqual([
      'b',
      'a',
    ]);
    expect(s.handoff?.execution.byReasonCode).toEqual({ control_confirmed: 1, control_failed_command: 1 });
  });
});

describe('given only a fleet state', () => {
  const s = fleetStatus(
    inputs({ policy: null, handoff: null, lastHandoffTelemetry: null, lastReconcileTelemetry: null }),
  );
  it('policy, handoff and autonomous sections are null and the fleet id falls back to the state', () => {
    expect([s.policy, s.handoff, s.autonomous, s.latestHandoffTelemetry, s.latestTelemetry]).toEqual([
      null,
      null,
      null,
      null,
      null,
    ]);
    expect(s.source.fleetId).toBe('fleet-vis');
  });
  it('trace linkage has no shared trace across differing loop traces', () => {
    expect(s.traceLinkage).toMatchObject({
      fleetTraceId: 'trace-1',
      sharedTraceId: null,
      loopTraceIds: ['trace-1-loop-blue', 'trace-1-loop-green', 'trace-1-loop-red'],
    });
  });
});

describe('given a policy whose governance review has passed', () => {
  const expired = {
    ...policy,
    autonomous: {
      ...policy.autonomous,
      governance: {
        ...policy.autonomous.governance,
        authorityContextPresent: true,
        reviewBy: '2026-02-20T00:00:00Z',
      },
    },
  };
  it('posture is review_expired and the governance path blocks every unsuppressed candidate', () => {
    const s = fleetStatus(inputs({ policy: expired }));
    expect(s.autonomous?.governance).toMatchObject({
      posture: 'review_expired',
      reasonCodes: ['autonomous_governance_review_expired'],
      blocksAutonomous: true,
    });
    expect(s.autonomous?.safetyGateDecisions.byPath.governanceGated.blockedCount).toBe(3);
  });
});
