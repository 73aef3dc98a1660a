// Given evidence, when promotion is decided at AS_OF, then the decision and its reason codes: one case
// per gate and per reason code of the seed's promotion list.
import { describe, expect, it } from 'vitest';
import { givenFacts } from '../testing/given.js';
import {
  DEFAULT_PROMOTION_THRESHOLDS,
  decidePromotion,
  type PromotionEvidence,
} from './promotion-decision.js';
import type { PromotionThresholds } from './promotion-gates.js';
import { AS_OF, cleanRuns, evidence, executeRow, facts, handoffOf, planRow } from './promotion-test-kit.js';

const T = DEFAULT_PROMOTION_THRESHOLDS;
const given = (e: PromotionEvidence, t: PromotionThresholds = T) =>
  givenFacts((asOf) => decidePromotion(e, t, asOf).decision);
const gatesOf = (e: PromotionEvidence, t: PromotionThresholds = T) => decidePromotion(e, t, AS_OF);

describe('when every gate has its evidence', () => {
  it('promotes with no reasons', () => {
    given(evidence()).when(AS_OF).then('promote', []);
    expect(gatesOf(evidence()).summary).toMatchObject({
      gatePassCount: 5,
      gateFailCount: 0,
      failedGates: [],
    });
  });
});

describe('the governance gate', () => {
  it('holds when the policy mode is not guarded_auto', () => {
    given(evidence({ autonomous: facts({ enabled: false }) }))
      .when(AS_OF)
      .then('hold', ['promotion_policy_mode_not_guarded_auto']);
  });
  it('holds when the posture is anything but active (review due soon)', () => {
    given(evidence({ autonomous: facts({ posture: 'review_due_soon' }) }))
      .when(AS_OF)
      .then('hold', ['promotion_governance_posture_not_active']);
  });
  it('holds when governance blocks autonomous dispatch', () => {
    given(evidence({ autonomous: facts({ blocksAutonomous: true }) }))
      .when(AS_OF)
      .then('hold', ['promotion_governance_blocks_autonomous']);
  });
  it.each([
    ['autonomous_governance_authority_missing', 'promotion_governance_authority_missing'],
    ['autonomous_governance_review_deadline_missing', 'promotion_governance_review_deadline_missing'],
    ['autonomous_governance_review_expired', 'promotion_governance_review_expired'],
  ] as const)('maps status code %s to %s', (statusCode, promotionCode) => {
    given(evidence({ autonomous: facts({ governanceReasonCodes: [statusCode] }) }))
      .when(AS_OF)
      .then('hold', [promotionCode]);
  });
  it('does not map the due-soon warning itself (the posture already holds)', () => {
    given(
      evidence({ autonomous: facts({ governanceReasonCodes: ['autonomous_governance_review_due_soon'] }) }),
    )
      .when(AS_OF)
      .then('promote', []);
  });
  it('reports the gate as governance in failedGates', () => {
    expect(gatesOf(evidence({ autonomous: facts({ enabled: false }) })).summary.failedGates).toEqual([
      'governance',
    ]);
  });
});

describe('the outcome reliability gate', () => {
  it('holds when handoff telemetry is missing, and counts the sample as empty', () => {
    const e = evidence({ handoff: { kind: 'missing' } });
    given(e)
      .when(AS_OF)
      .then('hold', ['promotion_autonomous_sample_insufficient', 'promotion_handoff_telemetry_missing']);
    expect(gatesOf(e).gates.outcomeReliability).toMatchObject({ sampleRuns: 0, attempted: 0 });
  });
  it('holds when a line of the telemetry is corrupt, and discards the whole window (as the reference)', () => {
    const read = handoffOf(cleanRuns(25));
    const corrupt = { line: 7, byteOffset: 900, reason: 'invalid JSON' };
    const e = evidence({ handoff: { ...read, corrupt } as PromotionEvidence['handoff'] });
    given(e)
      .when(AS_OF)
      .then('hold', ['promotion_autonomous_sample_insufficient', 'promotion_handoff_telemetry_invalid']);
    expect(gatesOf(e).gates.outcomeReliability).toMatchObject({ sampleRuns: 0, invalidRow: corrupt });
  });
  it('holds when an autonomous row carries a negative count', () => {
    const bad = { ...executeRow(['executed']), execution: { mode: 'autonomous', failedCount: -3 } };
    given(evidence({ handoff: handoffOf([...cleanRuns(20), bad]) }))
      .when(AS_OF)
      .then('hold', ['promotion_autonomous_sample_insufficient', 'promotion_handoff_telemetry_invalid']);
  });
  it('holds when fewer autonomous executions than the minimum sample exist', () => {
    given(evidence({ handoff: handoffOf([planRow, ...cleanRuns(19)]) }))
      .when(AS_OF)
      .then('hold', ['promotion_autonomous_sample_insufficient']);
  });
  it('holds when the sample is large enough but attempted nothing', () => {
    const empty = Array.from({ length: 20 }, () => executeRow([]));
    given(evidence({ handoff: handoffOf(empty) }))
      .when(AS_OF)
      .then('hold', ['promotion_autonomous_attempts_zero']);
  });
  it('holds when the ambiguity rate exceeds the maximum, and passes at exactly the maximum', () => {
    const runs = (n: number) => [
      ...cleanRuns(20 - n),
      ...Array.from({ length: n }, () => executeRow(['ambiguous'])),
    ];
    given(evidence({ handoff: handoffOf(runs(5)) }))
      .when(AS_OF)
      .then('hold', ['promotion_autonomous_ambiguity_rate_exceeded']);
    given(evidence({ handoff: handoffOf(runs(4)) }))
      .when(AS_OF)
      .then('promote', []);
    expect(gatesOf(evidence({ handoff: handoffOf(runs(4)) })).gates.outcomeReliability.ambiguityRate).toBe(
      0.2,
    );
  });
  it('holds when the failure rate exceeds the maximum', () => {
    const rows = [
      ...cleanRuns(17),
      executeRow(['failed', 'failed']),
      executeRow(['failed', 'failed']),
      executeRow(['failed']),
    ];
    given(evidence({ handoff: handoffOf(rows) }))
      .when(AS_OF)
      .then('hold', ['promotion_autonomous_failure_rate_exceeded']);
    expect(gatesOf(evidence({ handoff: handoffOf(rows) })).gates.outcomeReliability).toMatchObject({
      sampleRuns: 20,
      attempted: 22,
      failed: 5,
    });
  });
  it('counts only the last windowExecutions runs: old failures age out', () => {
    const rows = [...Array.from({ length: 10 }, () => executeRow(['failed'])), ...cleanRuns(20)];
    given(evidence({ handoff: handoffOf(rows) }))
      .when(AS_OF)
      .then('promote', []);
  });
  it('ignores manual executions and plan rows', () => {
    const manual = {
      ...executeRow(['failed']),
      execution: { ...executeRow(['failed']).execution, mode: 'manual' },
    };
    given(evidence({ handoff: handoffOf([...cleanRuns(20), manual, planRow, manual]) }))
      .when(AS_OF)
      .then('promote', []);
  });
});

describe('the manual backlog gate', () => {
  it('holds when fleet status has no manual_backlog', () => {
    given(evidence({ autonomous: facts({ manualBacklog: null }) }))
      .when(AS_OF)
      .then('hold', ['promotion_manual_backlog_unavailable']);
  });
  it('holds above the maximum and passes at it', () => {
    given(evidence({ autonomous: facts({ manualBacklog: 6 }) }))
      .when(AS_OF)
      .then('hold', ['promotion_manual_backlog_exceeded']);
    given(evidence({ autonomous: facts({ manualBacklog: 5 }) }))
      .when(AS_OF)
      .then('promote', []);
  });
});

describe('the safety/suppression gate', () => {
  it('holds while telemetry auto-pause is active', () => {
    given(evidence({ autonomous: facts({ autopauseActive: true }) }))
      .when(AS_OF)
      .then('hold', ['promotion_autopause_active']);
  });
  it('holds when a suppression path is not explained, and names it', () => {
    const byPath = { policyGated: {}, rolloutGated: {}, governanceGated: {} };
    const e = evidence({ autonomous: facts({ byPath }) });
    given(e).when(AS_OF).then('hold', ['promotion_suppression_paths_missing']);
    expect(gatesOf(e).gates.safetySuppression.missingPaths).toEqual(['transportGated']);
  });
  it('holds with all four paths missing when there is no byPath object', () => {
    expect(
      gatesOf(evidence({ autonomous: facts({ byPath: null }) })).gates.safetySuppression.missingPaths,
    ).toEqual(['policyGated', 'rolloutGated', 'governanceGated', 'transportGated']);
  });
});

describe('the drill recency gate', () => {
  const drills = (...entries: unknown[]): PromotionEvidence['drills'] => ({ kind: 'ok', drills: entries });
  const pass = (id: string, completedAt = '2026-02-28T12:00:00Z') => ({ id, status: 'pass', completedAt });
  it('holds when the drill state file is missing', () => {
    given(evidence({ drills: { kind: 'missing' } }))
      .when(AS_OF)
      .then('hold', ['promotion_drill_state_missing']);
  });
  it('holds when the drill state file is invalid', () => {
    given(evidence({ drills: { kind: 'invalid', reason: 'drills is not an array' } }))
      .when(AS_OF)
      .then('hold', ['promotion_drill_state_invalid']);
  });
  it('names each required drill that is missing, not passed, untimed or stale', () => {
    const e = evidence({
      drills: drills(
        { id: 'kill_switch', status: 'fail', completedAt: '2026-02-28T12:00:00Z' },
        { id: 'sprite_service_outage', status: 'pass', completedAt: '2026-02-30T12:00:00Z' },
      ),
    });
    given(e)
      .when(AS_OF)
      .then('hold', [
        'promotion_drill_missing_ambiguous_retry_guard',
        'promotion_drill_not_passed_kill_switch',
        'promotion_drill_timestamp_invalid_sprite_service_outage',
      ]);
  });
  it('holds a drill older than maxDrillAgeHours and passes one exactly that old', () => {
    const at = (hoursAgo: number) => new Date(Date.parse(AS_OF) - hoursAgo * 3_600_000).toISOString();
    const e = (hoursAgo: number) =>
      evidence({
        drills: drills(
          pass('kill_switch', at(hoursAgo)),
          pass('sprite_service_outage'),
          pass('ambiguous_retry_guard'),
        ),
      });
    given(e(169)).when(AS_OF).then('hold', ['promotion_drill_stale_kill_switch']);
    given(e(168)).when(AS_OF).then('promote', []);
  });
  it('uses the first entry of a drill id and ignores entries that are not objects', () => {
    const e = evidence({
      drills: drills(
        7,
        pass('kill_switch'),
        { id: 'kill_switch', status: 'fail' },
        pass('sprite_service_outage'),
        pass('ambiguous_retry_guard'),
      ),
    });
    given(e).when(AS_OF).then('promote', []);
  });
});

describe('thresholds', () => {
  it('a smaller window and sample size promote a fleet with few executions', () => {
    const t = { ...T, windowExecutions: 5, minSampleSize: 5 };
    given(evidence({ handoff: handoffOf(cleanRuns(6), 5) }), t)
      .when(AS_OF)
      .then('promote', []);
  });
});
