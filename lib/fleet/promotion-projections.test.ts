// Given handoff, policy and promotion log rows, when they are folded, then the window, the auto-pause
// streak and the decision history; and each projection keeps the replay laws (any split, any chunking).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { given, positionEvents } from '../testing/given.js';
import { replayLaws } from '../testing/replay-laws.js';
import type { Projection } from '../core/projection.js';
import { autopauseStreakProjection } from './promotion-autopause.js';
import { promotionHistoryProjection } from './promotion-history.js';
import { executeRow, planRow } from './promotion-test-kit.js';
import { handoffWindowProjection } from './promotion-window.js';

const seed = Number(process.env.FC_SEED ?? 424242);

describe('the handoff window', () => {
  it('keeps the last N autonomous runs with their lines and counts the rest as ignored', () => {
    given(handoffWindowProjection(2))
      .events(
        planRow,
        executeRow(['failed']),
        executeRow(['executed']),
        'noise',
        executeRow(['ambiguous', 'executed']),
      )
      .then({
        rows: 5,
        autonomousRuns: 3,
        ignored: 2,
        invalid: null,
        window: [
          { line: 3, timestamp: '2026-03-01T06:00:00Z', requested: 1, executed: 1, ambiguous: 0, failed: 0 },
          { line: 5, timestamp: '2026-03-01T06:00:00Z', requested: 2, executed: 1, ambiguous: 1, failed: 0 },
        ],
      });
  });
  it('remembers the first invalid autonomous row with its position', () => {
    const bad = {
      category: 'fleet_handoff_execute',
      execution: { mode: 'autonomous', executedCount: 'two' },
    };
    const state = given(handoffWindowProjection()).events(executeRow(['executed']), bad, bad).state;
    expect(state.invalid).toMatchObject({
      line: 2,
      reason: 'execution.executedCount is not a non-negative integer: "two"',
    });
    expect(state.autonomousRuns).toBe(1);
  });
});

describe('the auto-pause streak', () => {
  const evaluation = (timestamp: string, active: boolean) => ({
    timestamp,
    category: 'fleet_policy',
    summary: { autonomous: { rollout: { pause: { auto: { active } } } } },
  });
  it('counts trailing evaluations with auto-pause active and when the run began', () => {
    given(autopauseStreakProjection)
      .events(
        evaluation('t1', true),
        evaluation('t2', false),
        evaluation('t3', true),
        { category: 'other' },
        evaluation('t4', true),
      )
      .then({ evaluations: 4, ignored: 1, streak: 2, since: 't3', lastEvaluatedAt: 't4' });
  });
});

describe('the promotion history', () => {
  const decision = (d: string, at: string, failedGates: string[] = []) => ({
    generatedAt: at,
    summary: { decision: d, failedGates },
  });
  it('counts decisions and the run of equal ones at the end', () => {
    given(promotionHistoryProjection)
      .events(
        decision('promote', 'a'),
        decision('hold', 'b', ['drill_recency']),
        decision('hold', 'c', ['manual_backlog']),
        {},
      )
      .then({
        decisions: 3,
        promoted: 1,
        ignored: 1,
        latest: { decision: 'hold', generatedAt: 'c', line: 3 },
        consecutive: 2,
        latestFailedGates: ['manual_backlog'],
      });
  });
});

const rowArb: fc.Arbitrary<unknown> = fc.oneof(
  fc
    .array(fc.constantFrom('executed', 'failed', 'ambiguous') as fc.Arbitrary<'executed'>, { maxLength: 3 })
    .map((o) => executeRow(o)),
  fc.constant(planRow),
  fc.record({
    category: fc.constant('fleet_policy'),
    summary: fc.record({
      autonomous: fc.record({
        rollout: fc.record({ pause: fc.record({ auto: fc.record({ active: fc.boolean() }) }) }),
      }),
    }),
  }),
  fc.record({
    summary: fc.record({ decision: fc.constantFrom('promote', 'hold', 'skipped') }),
    generatedAt: fc.string(),
  }),
  fc.record({
    category: fc.constant('fleet_handoff_execute'),
    execution: fc.record({ mode: fc.constant('autonomous'), failedCount: fc.integer({ min: -2, max: 3 }) }),
  }),
  fc.anything(),
);

describe.each([
  ['handoff window', handoffWindowProjection(3)],
  ['auto-pause streak', autopauseStreakProjection],
  ['promotion history', promotionHistoryProjection],
] as [string, Projection<unknown, unknown>][])('the %s projection', (_name, projection) => {
  it('keeps the replay laws for any log', () => {
    fc.assert(
      fc.property(fc.array(rowArb, { maxLength: 30 }), (rows) => {
        const result = replayLaws(projection, positionEvents(rows), { runs: 20, seed });
        if (!result.ok) throw new Error(`seed ${seed}: ${result.message}`);
      }),
      { seed, numRuns: 60 },
    );
  });
});
