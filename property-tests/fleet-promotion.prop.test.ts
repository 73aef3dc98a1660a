// Laws of the promotion decision (lib/fleet/promotion-decision.ts) over arbitrary evidence and thresholds:
//   1. decision is promote exactly when no gate fails, exactly when there is no reason code; a gate fails
//      exactly when it has a reason; reasonCodes is the sorted, de-duplicated union of the gates' reasons,
//      all on the closed promotion list; pass + fail counts make five.
//   2. the reliability window is the last windowExecutions autonomous executions of the log (an oracle
//      written directly over the rows).
//   3. turning any executed outcome into a failed or ambiguous one never turns hold into promote.
//   4. appending rows that are not autonomous executions (plans, manual executions, other categories)
//      never changes the decision.
//   5. stricter thresholds (larger sample, lower rates, smaller backlog, younger drills) never turn hold
//      into promote.
// Seed: FC_SEED (default 424242); fast-check prints it with every counterexample.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decidePromotion, type PromotionEvidence } from '../lib/fleet/promotion-decision.js';
import type { PromotionThresholds } from '../lib/fleet/promotion-gates.js';
import type { AutonomousFacts } from '../lib/fleet/promotion-inputs.js';
import {
  BLOCKING_GOVERNANCE_CODES,
  REQUIRED_DRILLS,
  REQUIRED_SUPPRESSION_PATHS,
  isPromotionReasonCode,
} from '../lib/fleet/promotion-reasons.js';
import {
  AS_OF,
  executeRow,
  freshDrills,
  handoffOf,
  passingFacts,
  planRow,
  type Outcome,
} from '../lib/fleet/promotion-test-kit.js';

const seed = Number(process.env.FC_SEED ?? 424242);
const asOfMs = Date.parse(AS_OF);

const factsArb: fc.Arbitrary<AutonomousFacts> = fc.record({
  enabled: fc.boolean(),
  posture: fc.constantFrom('active', 'active', 'review_due_soon', 'authority_missing', null),
  blocksAutonomous: fc.boolean(),
  governanceReasonCodes: fc.subarray([...BLOCKING_GOVERNANCE_CODES, 'autonomous_governance_review_due_soon']),
  manualBacklog: fc.option(fc.nat(10), { nil: null }),
  autopauseActive: fc.boolean(),
  byPath: fc.option(
    fc
      .subarray([...REQUIRED_SUPPRESSION_PATHS], { minLength: 2 })
      .map((ps) => Object.fromEntries(ps.map((p) => [p, {}]))),
    { nil: null },
  ),
});

const outcomeArb = fc.oneof(
  { weight: 10, arbitrary: fc.constant<Outcome>('executed') },
  { weight: 1, arbitrary: fc.constantFrom<Outcome>('failed', 'ambiguous') },
);
const manualRow = (o: Outcome[]) => ({
  ...executeRow(o),
  execution: { ...executeRow(o).execution, mode: 'manual' },
});
const rowArb: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 6, arbitrary: fc.array(outcomeArb, { maxLength: 3 }).map((o) => executeRow(o)) },
  { weight: 1, arbitrary: fc.constant(planRow) },
  { weight: 1, arbitrary: fc.array(outcomeArb, { maxLength: 2 }).map(manualRow) },
);
const noiseArb: fc.Arbitrary<unknown> = fc.oneof(
  fc.constant(planRow),
  fc.array(outcomeArb, { maxLength: 2 }).map(manualRow),
  fc.record({
    category: fc.constantFrom('fleet_policy', 'fleet_handoff_plan'),
    timestamp: fc.constant(AS_OF),
  }),
  fc.constant(null),
);

const hoursAgo = (h: number) => new Date(asOfMs - h * 3_600_000).toISOString();
const drillArb = fc.record({
  id: fc.constantFrom(...REQUIRED_DRILLS),
  status: fc.constantFrom('pass', 'pass', 'fail'),
  completedAt: fc.oneof(fc.integer({ min: -5, max: 300 }).map(hoursAgo), fc.constant('yesterday')),
});
const drillsArb: fc.Arbitrary<PromotionEvidence['drills']> = fc.oneof(
  { weight: 1, arbitrary: fc.constant({ kind: 'missing' as const }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'invalid' as const, reason: 'bad' }) },
  {
    weight: 6,
    arbitrary: fc.array(drillArb, { maxLength: 5 }).map((drills) => ({ kind: 'ok' as const, drills })),
  },
);

const thresholdsArb: fc.Arbitrary<PromotionThresholds> = fc.record({
  windowExecutions: fc.integer({ min: 1, max: 25 }),
  minSampleSize: fc.integer({ min: 1, max: 15 }),
  maxAmbiguityRate: fc.constantFrom(0, 0.1, 0.2, 0.3, 0.5, 1),
  maxFailureRate: fc.constantFrom(0, 0.1, 0.2, 0.3, 0.5, 1),
  maxManualBacklog: fc.nat(8),
  maxDrillAgeHours: fc.integer({ min: 1, max: 300 }),
});

interface Case {
  facts: AutonomousFacts;
  rows: unknown[];
  drills: PromotionEvidence['drills'];
  t: PromotionThresholds;
}
// Mostly passing facts and drills, so that the reliability gate often decides alone and both outcomes occur.
const caseArb: fc.Arbitrary<Case> = fc.record({
  facts: fc.oneof({ weight: 4, arbitrary: fc.constant(passingFacts) }, { weight: 1, arbitrary: factsArb }),
  rows: fc.array(rowArb, { maxLength: 50 }),
  drills: fc.oneof({ weight: 4, arbitrary: fc.constant(freshDrills) }, { weight: 1, arbitrary: drillsArb }),
  t: thresholdsArb,
});

const decide = (c: Case) =>
  decidePromotion(
    {
      autonomous: c.facts,
      handoff: handoffOf(c.rows, c.t.windowExecutions),
      drills: c.drills,
      autopauseStreak: null,
    },
    c.t,
    AS_OF,
  );

const GATE_KEYS = [
  'governance',
  'outcomeReliability',
  'manualBacklog',
  'safetySuppression',
  'drillRecency',
] as const;

describe('the promotion decision', () => {
  it('promotes exactly when no gate fails and no reason is given (law 1)', () => {
    const seen = { promote: 0, hold: 0 };
    fc.assert(
      fc.property(caseArb, (c) => {
        const { summary, gates, decision } = decide(c);
        seen[summary.decision] += 1;
        const failed = GATE_KEYS.filter((k) => gates[k].status === 'fail');
        expect(summary.decision === 'promote').toBe(failed.length === 0);
        expect(summary.decision === 'promote').toBe(summary.reasonCodes.length === 0);
        expect(summary.promote).toBe(summary.decision === 'promote');
        expect(summary.gatePassCount + summary.gateFailCount).toBe(5);
        expect(summary.failedGates.length).toBe(failed.length);
        for (const k of GATE_KEYS) expect(gates[k].status === 'fail').toBe(gates[k].reasons.length > 0);
        const union = [...new Set(GATE_KEYS.flatMap((k) => gates[k].reasons))].sort();
        expect(summary.reasonCodes).toEqual(union);
        expect(summary.reasonCodes.every(isPromotionReasonCode)).toBe(true);
        expect(decision.reasons).toEqual(summary.reasonCodes);
      }),
      { seed, numRuns: 400 },
    );
    // Both outcomes must occur, or the law above was checked on one side only.
    expect(seen.promote).toBeGreaterThan(10);
    expect(seen.hold).toBeGreaterThan(10);
  });

  it('counts exactly the last windowExecutions autonomous executions (law 2)', () => {
    fc.assert(
      fc.property(caseArb, (c) => {
        const autonomous = c.rows.filter(
          (r) => (r as { execution?: { mode?: string } }).execution?.mode === 'autonomous',
        ) as ReturnType<typeof executeRow>[];
        const window = autonomous.slice(-c.t.windowExecutions);
        const sum = (k: keyof ReturnType<typeof executeRow>['execution']) =>
          window.reduce((n, r) => n + Number(r.execution[k]), 0);
        expect(decide(c).gates.outcomeReliability).toMatchObject({
          sampleRuns: window.length,
          attempted: sum('requestedIntentCount'),
          executed: sum('executedCount'),
          ambiguous: sum('ambiguousCount'),
          failed: sum('failedCount'),
        });
      }),
      { seed, numRuns: 300 },
    );
  });

  it('never turns hold into promote when an executed outcome becomes failed or ambiguous (law 3)', () => {
    fc.assert(
      fc.property(caseArb, fc.nat(), fc.constantFrom('failedCount', 'ambiguousCount'), (c, pick, into) => {
        const candidates = c.rows.flatMap((r, i) => {
          const ex = (r as { execution?: { mode?: string; executedCount?: number } }).execution;
          return ex?.mode === 'autonomous' && (ex.executedCount ?? 0) > 0 ? [i] : [];
        });
        fc.pre(candidates.length > 0);
        const at = candidates[pick % candidates.length] as number;
        const row = c.rows[at] as ReturnType<typeof executeRow>;
        const worse = {
          ...row,
          execution: {
            ...row.execution,
            executedCount: row.execution.executedCount - 1,
            [into]: row.execution[into] + 1,
          },
        };
        const before = decide(c).summary;
        const after = decide({ ...c, rows: c.rows.map((r, i) => (i === at ? worse : r)) }).summary;
        if (before.decision === 'hold') expect(after.decision).toBe('hold');
        expect(after.failedGates.filter((g) => g !== 'outcome_reliability')).toEqual(
          before.failedGates.filter((g) => g !== 'outcome_reliability'),
        );
      }),
      { seed, numRuns: 400 },
    );
  });

  it('ignores rows that are not autonomous executions (law 4)', () => {
    fc.assert(
      fc.property(caseArb, fc.array(noiseArb, { minLength: 1, maxLength: 6 }), fc.nat(), (c, noise, pick) => {
        const at = pick % (c.rows.length + 1);
        const noisy = [...c.rows.slice(0, at), ...noise, ...c.rows.slice(at)];
        expect(decide({ ...c, rows: noisy }).summary).toEqual(decide(c).summary);
      }),
      { seed, numRuns: 300 },
    );
  });

  it('never turns hold into promote under stricter thresholds (law 5)', () => {
    const stricterArb = fc.record({
      sample: fc.nat(5),
      ambiguity: fc.constantFrom(0, 0.05, 0.1),
      failure: fc.constantFrom(0, 0.05, 0.1),
      backlog: fc.nat(3),
      hours: fc.nat(100),
    });
    fc.assert(
      fc.property(caseArb, stricterArb, (c, s) => {
        const t = c.t;
        const stricter: PromotionThresholds = {
          windowExecutions: t.windowExecutions,
          minSampleSize: t.minSampleSize + s.sample,
          maxAmbiguityRate: Math.max(0, t.maxAmbiguityRate - s.ambiguity),
          maxFailureRate: Math.max(0, t.maxFailureRate - s.failure),
          maxManualBacklog: Math.max(0, t.maxManualBacklog - s.backlog),
          maxDrillAgeHours: Math.max(1, t.maxDrillAgeHours - s.hours),
        };
        if (decide(c).summary.decision === 'hold')
          expect(decide({ ...c, t: stricter }).summary.decision).toBe('hold');
      }),
      { seed, numRuns: 300 },
    );
  });
});
