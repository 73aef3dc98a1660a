// Law of the autonomous safety rails over any sequence of policy runs (and of the closed list of
// policy reason codes): each run makes at most
// maxActionsPerRun candidates eligible, at most maxActionsPerLoop per loop, and no candidate is
// eligible twice within cooldownSeconds. Each run reads the marks of the history the runs before it
// appended (the policy runner's loop), so the property covers the history fold as well.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { foldFrom } from '../lib/core/projection.js';
import { isoSeconds } from '../lib/core/time.js';
import { historyEntries, policyHistoryProjection, type PolicyHistory } from '../lib/fleet/policy-history.js';
import { evaluatePolicy, guardedPolicy } from '../lib/fleet/policy-test-kit.js';
import { positionEvents } from '../lib/testing/given.js';
import type { EvaluatedCandidate } from '../lib/fleet/policy-evaluate.js';
import { FLEET_REASON_CODES } from '../lib/fleet/vocabulary.js';

const CLOSED_LIST: readonly string[] = [...FLEET_REASON_CODES, 'no_action_required'];

const seed = Number(process.env.FC_SEED ?? 424242);
const LOOPS = ['loop-a', 'loop-b', 'loop-c', 'loop-d'];

const resultArb = fc.record({
  loopId: fc.constantFrom(...LOOPS),
  status: fc.constantFrom('success', 'failed'),
  healthStatus: fc.constantFrom('healthy', 'degraded', 'critical'),
});
// Gaps land on the cooldown's edges often, where an off-by-one would show.
const runArb = (cooldown: number) =>
  fc.record({
    gapSeconds: fc.oneof(
      fc.constantFrom(0, Math.max(0, cooldown - 1), cooldown, cooldown + 1),
      fc.integer({ min: 0, max: 900 }),
    ),
    results: fc.uniqueArray(resultArb, { maxLength: 4, selector: (r) => r.loopId }),
  });
const safetyArb = fc.record({
  maxActionsPerRun: fc.integer({ min: 0, max: 4 }),
  maxActionsPerLoop: fc.integer({ min: 0, max: 2 }),
  cooldownSeconds: fc.integer({ min: 0, max: 1200 }),
});

describe('the autonomous safety rails over any sequence of runs', () => {
  it('never exceed the run cap, the loop cap or the cooldown', () => {
    fc.assert(
      fc.property(
        safetyArb.chain((safety) =>
          fc.tuple(
            fc.constant(safety),
            fc.array(runArb(safety.cooldownSeconds), { minLength: 1, maxLength: 12 }),
          ),
        ),
        ([safety, runs]) => {
          let history: PolicyHistory = policyHistoryProjection.initial;
          let lines = 0;
          let t = Date.parse('2026-02-23T13:00:00Z');
          const lastEligible = new Map<string, number>();
          for (const run of runs) {
            t += run.gapSeconds * 1000;
            const asOf = isoSeconds(t);
            const h = history;
            const s = evaluatePolicy({
              loops: LOOPS,
              policy: guardedPolicy({
                allow: { categories: ['reconcile_failed', 'health_critical', 'health_degraded'] },
                thresholds: { minSeverity: 'info', minConfidence: 'low' },
                safety,
              }),
              results: run.results,
              marks: h.byCandidate,
              asOf,
            });
            for (const code of s.reasonCodes) expect(CLOSED_LIST).toContain(code);
            const eligible = (s.candidates as EvaluatedCandidate[]).filter((c) => c.autonomous.eligible);
            expect(eligible.length).toBeLessThanOrEqual(safety.maxActionsPerRun);
            for (const loop of LOOPS)
              expect(eligible.filter((c) => c.loopId === loop).length).toBeLessThanOrEqual(
                safety.maxActionsPerLoop,
              );
            for (const c of eligible) {
              const last = lastEligible.get(c.candidateId);
              if (last !== undefined && safety.cooldownSeconds > 0)
                expect((t - last) / 1000).toBeGreaterThanOrEqual(safety.cooldownSeconds);
              lastEligible.set(c.candidateId, t);
            }
            const appended = historyEntries(
              { timestamp: asOf, fleetId: 'f', traceId: 't', mode: 'guarded_auto' },
              s.candidates,
            );
            history = foldFrom(
              policyHistoryProjection,
              history,
              positionEvents(appended, { byteOffset: 0, lines }),
            );
            lines += appended.length;
          }
        },
      ),
      { seed, numRuns: 150 },
    );
  });
});
