// Fleet policy, one situation per rule: candidates and their suppression (loop over global, the
// dedupe window), the autonomous gates, rollout cohorts and pauses, the safety rails, and every
// policy reason code the state carries.
import { describe, expect, it } from 'vitest';
import { AS_OF, evaluatePolicy, execution, guardedPolicy, ms, result } from './policy-test-kit.js';

const byId = (s: ReturnType<typeof evaluatePolicy>, id: string) => {
  const c = s.candidates.find((x) => x.candidateId === id);
  if (c === undefined) throw new Error(`no candidate ${id}`);
  return c;
};

describe('given an advisory fleet', () => {
  it('a failed, critical loop yields reconcile_failed and health_critical candidates sorted by loop and category', () => {
    const s = evaluatePolicy({ loops: ['loop-red'], results: [result('loop-red', 'failed', 'critical')] });
    expect(s.candidates.map((c) => [c.candidateId, c.severity, c.confidence, c.signal])).toEqual([
      ['loop-red:health_critical', 'critical', 'high', 'health_critical'],
      ['loop-red:reconcile_failed', 'critical', 'high', 'status_failed'],
    ]);
    expect(s.reasonCodes).toEqual(['fleet_action_required']);
  });

  it('a healthy fleet has no candidates: no_action_required', () => {
    const s = evaluatePolicy({ loops: ['a'], results: [result('a', 'success', 'healthy')] });
    expect(s).toMatchObject({ candidateCount: 0, reasonCodes: ['no_action_required'] });
  });

  it('a loop suppression wins over the global one and records its scope and source', () => {
    const s = evaluatePolicy({
      loops: ['loop-red', 'loop-blue', 'loop-green'],
      policy: { suppressions: { '*': ['health_critical'], 'loop-red': ['health_critical'] } },
      results: [
        result('loop-red', 'success', 'critical'),
        result('loop-blue', 'success', 'critical'),
        result('loop-green', 'success', 'degraded'),
      ],
    });
    expect(byId(s, 'loop-red:health_critical')).toMatchObject({
      suppressed: true,
      suppressionScope: 'loop',
      suppressionSource: 'policy.suppressions.<loopId>',
    });
    expect(byId(s, 'loop-blue:health_critical')).toMatchObject({
      suppressed: true,
      suppressionScope: 'global',
      suppressionSource: 'policy.suppressions.*',
    });
    expect(byId(s, 'loop-green:health_degraded').suppressed).toBe(false);
    expect(s.reasonCodes).toEqual([
      'fleet_action_required',
      'fleet_actions_policy_suppressed',
      'fleet_actions_suppressed',
    ]);
  });

  it('a candidate raised unsuppressed within the dedupe window is suppressed as cooldown: fleet_actions_deduped', () => {
    const s = evaluatePolicy({
      loops: ['loop-green'],
      policy: { noiseControls: { dedupeWindowSeconds: 3600 } },
      results: [result('loop-green', 'success', 'degraded')],
      marks: {
        'loop-green:health_degraded': {
          lastUnsuppressedMs: ms('2026-02-23T12:30:00Z'),
          lastEligibleMs: null,
        },
      },
    });
    expect(byId(s, 'loop-green:health_degraded')).toMatchObject({
      suppressed: true,
      suppressionScope: 'cooldown',
      suppressionReason: 'advisory_cooldown_active',
      cooldown: { active: true, remainingSeconds: 1800, lastUnsuppressedAt: '2026-02-23T12:30:00Z' },
    });
    expect(s.reasonCodes).toEqual([
      'fleet_actions_deduped',
      'fleet_actions_suppressed',
      'no_action_required',
    ]);
  });

  it('outside the dedupe window the candidate is raised again', () => {
    const s = evaluatePolicy({
      loops: ['a'],
      policy: { noiseControls: { dedupeWindowSeconds: 60 } },
      results: [result('a', 'success', 'degraded')],
      marks: {
        'a:health_degraded': { lastUnsuppressedMs: ms('2026-02-23T12:30:00Z'), lastEligibleMs: null },
      },
    });
    expect(byId(s, 'a:health_degraded')).toMatchObject({
      suppressed: false,
      cooldown: { active: false, remainingSeconds: 0 },
    });
  });

  it('every candidate is manual-only with policy_mode_not_guarded_auto, and no autonomous code is emitted', () => {
    const s = evaluatePolicy({ loops: ['a'], results: [result('a', 'failed', 'unknown')] });
    expect(byId(s, 'a:reconcile_failed').autonomous).toMatchObject({
      eligible: false,
      manualOnly: true,
      reasons: ['policy_mode_not_guarded_auto'],
    });
    expect(s.reasonCodes.filter((c) => c.startsWith('fleet_auto'))).toEqual([]);
  });
});

describe('given a guarded_auto fleet', () => {
  it('an allowlisted critical candidate is eligible: fleet_auto_candidates_eligible', () => {
    const s = evaluatePolicy({
      loops: ['loop-red'],
      policy: guardedPolicy({ allow: { categories: ['reconcile_failed'], intents: ['cancel'] } }),
      results: [result('loop-red', 'failed', 'critical')],
    });
    expect(byId(s, 'loop-red:reconcile_failed').autonomous).toMatchObject({
      eligible: true,
      manualOnly: false,
      reasons: [],
    });
    expect(byId(s, 'loop-red:health_critical').autonomous.reasons).toEqual(['category_not_allowlisted']);
    expect(s).toMatchObject({ autoEligibleCount: 1, manualOnlyCount: 1 });
    expect(s.reasonCodes).toContain('fleet_auto_candidates_eligible');
  });

  it('a degraded candidate below the thresholds is blocked: fleet_auto_candidates_blocked', () => {
    const s = evaluatePolicy({
      loops: ['a'],
      policy: guardedPolicy(),
      results: [result('a', 'success', 'degraded')],
    });
    expect(byId(s, 'a:health_degraded').autonomous.reasons).toEqual([
      'category_not_allowlisted',
      'confidence_below_threshold',
      'severity_below_threshold',
    ]);
    expect(s.reasonCodes).toEqual(['fleet_action_required', 'fleet_auto_candidates_blocked']);
  });

  it('the kill switch blocks every candidate that passed the gates: fleet_auto_kill_switch_enabled', () => {
    const s = evaluatePolicy({
      loops: ['loop-red'],
      policy: guardedPolicy({ safety: { maxActionsPerRun: 5, maxActionsPerLoop: 5, killSwitch: true } }),
      results: [result('loop-red', 'failed', 'critical')],
    });
    expect(s.candidates.map((c) => c.autonomous.reasons)).toEqual([
      ['autonomous_kill_switch_enabled'],
      ['autonomous_kill_switch_enabled'],
    ]);
    expect(s).toMatchObject({ autoEligibleCount: 0, manualOnlyCount: 2 });
    expect(s.reasonCodes).toContain('fleet_auto_kill_switch_enabled');
    expect(s.candidates[0]?.autonomous.safety.killSwitchActive).toBe(true);
  });

  it('the run and loop caps hold back candidates in (loop, category) order: fleet_auto_candidates_safety_blocked', () => {
    const s = evaluatePolicy({
      loops: ['loop-a', 'loop-b', 'loop-c'],
      policy: guardedPolicy({ safety: { maxActionsPerRun: 2, maxActionsPerLoop: 1, cooldownSeconds: 300 } }),
      results: [
        result('loop-a', 'failed', 'critical'),
        result('loop-b', 'success', 'critical'),
        result('loop-c', 'success', 'critical'),
      ],
    });
    expect(s.autoEligibleCount).toBe(2);
    expect(byId(s, 'loop-a:reconcile_failed').autonomous).toMatchObject({
      reasons: ['autonomous_max_actions_per_loop_exceeded'],
      safety: { loopCapBlocked: true },
    });
    expect(byId(s, 'loop-c:health_critical').autonomous).toMatchObject({
      reasons: ['autonomous_max_actions_per_run_exceeded'],
      safety: { runCapBlocked: true },
    });
    expect(s.reasonCodes).toContain('fleet_auto_candidates_safety_blocked');
  });

  it('a candidate eligible within the cooldown is held back as autonomous_cooldown_active', () => {
    const s = evaluatePolicy({
      loops: ['loop-a'],
      policy: guardedPolicy({
        allow: { categories: ['health_critical'] },
        safety: { maxActionsPerRun: 3, maxActionsPerLoop: 3, cooldownSeconds: 600 },
      }),
      results: [result('loop-a', 'success', 'critical')],
      marks: {
        'loop-a:health_critical': { lastUnsuppressedMs: null, lastEligibleMs: ms('2026-02-23T12:59:00Z') },
      },
    });
    expect(byId(s, 'loop-a:health_critical').autonomous).toMatchObject({
      eligible: false,
      reasons: ['autonomous_cooldown_active'],
      safety: { cooldown: { active: true, remainingSeconds: 540, lastEligibleAt: '2026-02-23T12:59:00Z' } },
    });
    expect(s.reasonCodes).toContain('fleet_auto_candidates_safety_blocked');
  });

  it('a loop outside the rollout scope or canary is rollout-gated: fleet_auto_candidates_rollout_gated', () => {
    // Buckets computed outside opsfold (python, the reference's hash) for "<loop>|cohort-seed-v1": loop-2 → 15, loop-3 → 75.
    const s = evaluatePolicy({
      loops: ['loop-2', 'loop-3', 'loop-scope-miss'],
      policy: guardedPolicy({
        allow: { categories: ['health_critical'] },
        safety: { maxActionsPerRun: 10, maxActionsPerLoop: 10, cooldownSeconds: 0 },
        rollout: {
          canaryPercent: 50,
          scope: { loopIds: ['loop-2', 'loop-3'] },
          selector: { salt: 'cohort-seed-v1' },
        },
      }),
      results: ['loop-2', 'loop-3', 'loop-scope-miss'].map((l) => result(l, 'success', 'critical')),
    });
    expect(byId(s, 'loop-2:health_critical').autonomous).toMatchObject({
      eligible: true,
      rollout: { selector: { bucket: 15, inCohort: true } },
    });
    expect(byId(s, 'loop-3:health_critical').autonomous).toMatchObject({
      reasons: ['autonomous_rollout_canary_excluded'],
      rollout: { selector: { bucket: 75, inScope: true, inCohort: false } },
    });
    expect(byId(s, 'loop-scope-miss:health_critical').autonomous.reasons).toEqual([
      'autonomous_rollout_scope_excluded',
    ]);
    expect(s.autonomous.rollout.candidateBuckets).toEqual({
      inScopeCount: 2,
      inCohortCount: 1,
      outOfCohortCount: 1,
    });
    expect(s.reasonCodes).toContain('fleet_auto_candidates_rollout_gated');
  });

  it('a manual rollout pause keeps candidates manual-only: fleet_auto_candidates_paused', () => {
    const s = evaluatePolicy({
      loops: ['loop-red'],
      policy: guardedPolicy({
        allow: { categories: ['health_critical'] },
        rollout: { pause: { manual: true } },
      }),
      results: [result('loop-red', 'success', 'critical')],
    });
    expect(byId(s, 'loop-red:health_critical').autonomous.reasons).toEqual([
      'autonomous_rollout_paused_manual',
    ]);
    expect(s.reasonCodes).toContain('fleet_auto_candidates_paused');
    expect(s.reasonCodes).not.toContain('fleet_auto_candidates_autopause_triggered');
  });

  const autoPause = {
    enabled: true,
    lookbackExecutions: 3,
    minSampleSize: 2,
    ambiguityRateThreshold: 0.4,
    failureRateThreshold: 0.8,
  };
  const spiky = [execution('2026-02-23T12:35:00Z', 2, 1, 0), execution('2026-02-23T12:36:00Z', 2, 1, 0)];

  it('an ambiguity spike in recent autonomous executions pauses the rollout: fleet_auto_candidates_autopause_triggered', () => {
    const s = evaluatePolicy({
      loops: ['loop-red'],
      policy: guardedPolicy({ allow: { categories: ['health_critical'] }, rollout: { autoPause } }),
      results: [result('loop-red', 'success', 'critical')],
      executions: spiky,
    });
    expect(s.autonomous.rollout.pause.auto).toMatchObject({
      active: true,
      reasons: ['autonomous_autopause_ambiguous_spike'],
      metrics: { attemptedCount: 4, ambiguityRate: 0.5 },
    });
    expect(byId(s, 'loop-red:health_critical').autonomous.reasons).toEqual([
      'autonomous_autopause_ambiguous_spike',
      'autonomous_rollout_paused_auto',
    ]);
    expect(s.reasonCodes).toEqual(
      expect.arrayContaining(['fleet_auto_candidates_paused', 'fleet_auto_candidates_autopause_triggered']),
    );
  });

  it('a failure spike pauses it as autonomous_autopause_failure_spike', () => {
    const s = evaluatePolicy({
      loops: ['loop-sprite'],
      policy: guardedPolicy({
        allow: { categories: ['reconcile_failed'] },
        rollout: { autoPause: { ...autoPause, ambiguityRateThreshold: 0.9, failureRateThreshold: 0.5 } },
      }),
      results: [result('loop-sprite', 'failed', 'degraded')],
      executions: [execution('2026-02-23T12:00:00Z', 1, 0, 1), execution('2026-02-23T12:01:00Z', 1, 0, 1)],
    });
    expect(s.autonomous.rollout.pause.auto).toMatchObject({
      active: true,
      reasons: ['autonomous_autopause_failure_spike'],
      metrics: { failureRate: 1 },
    });
  });

  it('fewer attempts than the minimum sample never trigger it', () => {
    const s = evaluatePolicy({
      loops: ['a'],
      policy: guardedPolicy({ rollout: { autoPause: { ...autoPause, minSampleSize: 5 } } }),
      results: [result('a', 'failed', 'critical')],
      executions: spiky,
    });
    expect(s.autonomous.rollout.pause.auto.active).toBe(false);
  });

  it('a disabled auto-pause stays disabled (the reference turned enabled: false back on)', () => {
    const s = evaluatePolicy({
      loops: ['loop-red'],
      policy: guardedPolicy({
        allow: { categories: ['health_critical'] },
        rollout: { autoPause: { ...autoPause, enabled: false } },
      }),
      results: [result('loop-red', 'success', 'critical')],
      executions: spiky,
    });
    expect(s.autonomous.rollout.pause.auto).toMatchObject({ enabled: false, active: false });
    expect(byId(s, 'loop-red:health_critical').autonomous.eligible).toBe(true);
  });

  it('only the last lookbackExecutions executions are sampled', () => {
    const old = [execution('2026-02-23T10:00:00Z', 5, 5, 0)];
    const s = evaluatePolicy({
      loops: ['a'],
      policy: guardedPolicy({ rollout: { autoPause: { ...autoPause, lookbackExecutions: 2 } } }),
      results: [result('a', 'failed', 'critical')],
      executions: [
        ...old,
        execution('2026-02-23T12:00:00Z', 2, 0, 0),
        execution('2026-02-23T12:10:00Z', 2, 0, 0),
      ],
    });
    expect(s.autonomous.rollout.pause.auto).toMatchObject({
      active: false,
      metrics: { windowExecutionCount: 2, attemptedCount: 4, ambiguousCount: 0 },
    });
  });

  it('the governance context is surfaced with its posture', () => {
    const s = evaluatePolicy({ loops: ['a'], policy: guardedPolicy(), results: [] });
    expect(s.autonomous.governance).toMatchObject({
      actor: 'ops-user',
      authorityContextPresent: true,
      posture: 'active',
      reasonCodes: [],
      reviewWindowDays: 311,
    });
    expect(s.updatedAt).toBe(AS_OF);
  });
});
