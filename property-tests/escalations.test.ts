// Escalation dedupe (lib/loop/escalations.ts planEscalations + escalationsProjection).
//
// Law: run the planner once per step over any sequence of active-condition sets, appending what it
// returns to one log and folding the log before the next step. Then, per dedupe key, the log's
// actions alternate raise, resolve, raise, … starting with a raise (never two raises or two resolves
// in a row); the number of raises equals the number of steps where the key became active (inactive
// or absent before, active now); the number of resolves equals the steps where it cleared; and the
// folded active set after every step is exactly that step's active set. The oracle counts
// transitions from the input sequence alone, not from the implementation.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { foldFrom } from '../lib/core/projection.js';
import {
  EscalationLineView,
  dedupeKeyOf,
  escalationsProjection,
  planEscalations,
  type ActiveCondition,
  type EscalationHistory,
} from '../lib/loop/escalations.js';
import { readView } from '../lib/loop/lenient.js';

const seed = Number(process.env.FC_SEED ?? 424242);
const LOOP = 'demo';
const CATEGORIES = ['health_degraded', 'health_critical', 'divergence_detected'] as const;
const CONDITIONS = ['ingest_stale', 'transport_unreachable', 'cursorRegression'] as const;

const conditionArb = fc.record({
  category: fc.constantFrom(...CATEGORIES),
  condition: fc.constantFrom(...CONDITIONS),
});
/** A step's active set; duplicates allowed, since a caller may list one condition twice. */
const stepsArb = fc.array(fc.array(conditionArb, { maxLength: 6 }), { maxLength: 25 });

const keyOf = (c: { category: string; condition: string }) => dedupeKeyOf(LOOP, c.category, c.condition);

const run = (steps: readonly { category: string; condition: string }[][]) => {
  let history: EscalationHistory = escalationsProjection.initial;
  const logged: Record<string, unknown>[] = [];
  const activeAfter: string[][] = [];
  for (const [i, step] of steps.entries()) {
    const active: ActiveCondition[] = step.map((c) => ({ loopId: LOOP, ...c, record: { step: i } }));
    const out = planEscalations({
      history,
      active,
      scope: { loopId: LOOP, categories: [...CATEGORIES] },
      asOf: `2026-02-22T12:${String(i).padStart(2, '0')}:00Z`,
    });
    history = foldFrom(
      escalationsProjection,
      history,
      out.map((value, k) => ({
        value: readView(EscalationLineView, value),
        position: { line: logged.length + k + 1, byteOffset: 0 },
      })),
    );
    logged.push(...out);
    activeAfter.push(Object.keys(history.active).sort());
  }
  return { logged, activeAfter };
};

describe('escalation dedupe over any sequence of active sets', () => {
  it('raises once per activation, resolves once per clearing, and alternates per key', () => {
    fc.assert(
      fc.property(stepsArb, (steps) => {
        const { logged, activeAfter } = run(steps);
        const sets = steps.map((s) => new Set(s.map(keyOf)));
        const keys = new Set(sets.flatMap((s) => [...s]));
        for (const key of keys) {
          const actions = logged.filter((r) => r['dedupeKey'] === key).map((r) => r['escalationAction']);
          const expected = actions.map((_, i) => (i % 2 === 0 ? 'raise' : 'resolve'));
          expect(actions).toEqual(expected);
          let activations = 0;
          let clearings = 0;
          sets.forEach((s, i) => {
            const before = i > 0 && (sets[i - 1]?.has(key) ?? false);
            if (s.has(key) && !before) activations += 1;
            if (!s.has(key) && before) clearings += 1;
          });
          expect(actions.filter((a) => a === 'raise')).toHaveLength(activations);
          expect(actions.filter((a) => a === 'resolve')).toHaveLength(clearings);
        }
        sets.forEach((s, i) => expect(activeAfter[i]).toEqual([...s].sort()));
      }),
      { seed, numRuns: 300 },
    );
  });

  it('appends nothing when the same active set is evaluated twice in a row', () => {
    fc.assert(
      fc.property(stepsArb, fc.array(conditionArb, { maxLength: 6 }), (steps, last) => {
        const once = run([...steps, last]).logged.length;
        const twice = run([...steps, last, last]).logged.length;
        expect(twice).toBe(once);
      }),
      { seed, numRuns: 200 },
    );
  });
});
