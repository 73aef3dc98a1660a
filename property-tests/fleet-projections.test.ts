// The replay laws (lib/testing/replay-laws.ts) for the fleet's telemetry folds: for any log and any
// split, folding with a checkpoint equals the full fold, and two full folds are byte-identical.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Projection } from '../lib/core/projection.js';
import { governanceAuditProjection } from '../lib/fleet/governance-audit.js';
import { handoffHistoryProjection } from '../lib/fleet/handoff-history.js';
import { policyHistoryProjection } from '../lib/fleet/policy-history.js';
import { reconcileHistoryProjection } from '../lib/fleet/reconcile-history.js';
import { positionEvents } from '../lib/testing/given.js';
import { replayLaws } from '../lib/testing/replay-laws.js';

const seed = Number(process.env.FC_SEED ?? 424242);
const ts = fc
  .integer({ min: 0, max: 3600 })
  .map((s) => new Date(Date.parse('2026-02-23T12:00:00Z') + s * 1000).toISOString());

const handoffArb: fc.Arbitrary<unknown> = fc.oneof(
  fc.record({ timestamp: ts, category: fc.constant('fleet_handoff_plan') }),
  fc.record({
    timestamp: ts,
    category: fc.constant('fleet_handoff_execute'),
    execution: fc.record({
      mode: fc.constantFrom('autonomous', 'manual'),
      requestedIntentCount: fc.nat(3),
      executedCount: fc.nat(3),
      ambiguousCount: fc.nat(3),
      failedCount: fc.nat(3),
      results: fc.array(
        fc.record({
          intentId: fc.constantFrom('a:x:cancel', 'b:y:cancel'),
          status: fc.constantFrom('executed', 'ambiguous', 'failed'),
        }),
        { maxLength: 2 },
      ),
    }),
  }),
  fc.record({ note: fc.string() }),
);
const historyArb: fc.Arbitrary<unknown> = fc.oneof(
  fc.record({
    timestamp: ts,
    candidateId: fc.constantFrom('a:health_critical', 'b:reconcile_failed'),
    suppressed: fc.boolean(),
    autonomousEligible: fc.boolean(),
  }),
  fc.record({ candidateId: fc.constant('') }),
);
const governanceArb: fc.Arbitrary<unknown> = fc.oneof(
  fc.record({
    timestamp: ts,
    mode: fc.constantFrom('advisory', 'guarded_auto'),
    governance: fc.record({ actor: fc.string() }),
    controls: fc.constant({}),
  }),
  fc.record({
    mode: fc.constant('guarded_auto'),
    eventDigest: fc.stringMatching(/^[0-9a-f]{4,8}$/),
  }),
);
const reconcileArb: fc.Arbitrary<unknown> = fc.record({
  timestamp: ts,
  status: fc.constantFrom('success', 'partial_failure', 'failed'),
  traceId: fc.string(),
  reasonCodes: fc.array(fc.string(), { maxLength: 2 }),
});

const lawsHold = <S>(projection: Projection<S, unknown>, arb: fc.Arbitrary<unknown>) =>
  fc.assert(
    fc.property(fc.array(arb, { maxLength: 40 }), (values) => {
      const r = replayLaws(projection, positionEvents(values), { seed, runs: 20 });
      expect(r.ok, r.ok ? '' : `${r.message} (seed ${seed})`).toBe(true);
    }),
    { seed, numRuns: 40 },
  );

describe('replay laws of the fleet telemetry folds', () => {
  it('hold for handoff history', () => lawsHold(handoffHistoryProjection, handoffArb));
  it('hold for policy history', () => lawsHold(policyHistoryProjection, historyArb));
  it('hold for the governance audit trail', () => lawsHold(governanceAuditProjection, governanceArb));
  it('hold for reconcile history', () => lawsHold(reconcileHistoryProjection, reconcileArb));
});
