// Law: the controller never exceeds its budget. Over any sequence of runs (any limits, any prior
// telemetry, any stage outcomes), every run that records an apply leaves the rolling window ending at
// that run with at most maxAppliesPerWindow applies and at most maxExpandStepPerWindow expand steps
// (in the budget's own accounting: rows whose action is apply), and no apply lands within the cooldown
// of an earlier apply or rollback.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isoSeconds } from '../core/time.js';
import { runPromotionController } from './promotion-controller.js';
import { mutationOf, type Mutation } from './promotion-controller-budget.js';
import { controllerRequest, memoryStages } from './promotion-controller-test-kit.js';

const seed = Number(process.env.FC_SEED ?? 424242);
const START = Date.parse('2026-03-01T00:00:00Z') / 1000;

const limitsArb = fc.record({
  windowHours: fc.integer({ min: 1, max: 48 }),
  maxAppliesPerWindow: fc.integer({ min: 0, max: 3 }),
  maxExpandStepPerWindow: fc.integer({ min: 0, max: 100 }),
  cooldownMinutes: fc.integer({ min: 0, max: 240 }),
});
const runArb = fc.record({
  gapMinutes: fc.integer({ min: 0, max: 12 * 60 }),
  intent: fc.constantFrom('expand' as const, 'resume' as const),
  expandStep: fc.integer({ min: 1, max: 100 }),
  preview: fc.constantFrom('promote', 'promote', 'hold'),
  verify: fc.constantFrom('promote', 'promote', 'hold'),
  failRollback: fc.boolean(),
});
const priorArb = fc.array(
  fc.record({
    minutesBefore: fc.integer({ min: 0, max: 72 * 60 }),
    action: fc.constantFrom('apply' as const, 'rollback' as const),
    expandStep: fc.integer({ min: 0, max: 50 }),
  }),
  { maxLength: 4 },
);

describe('promotion-controller budget law', () => {
  it('never records an apply past the budget of its window', async () => {
    await fc.assert(
      fc.asyncProperty(
        limitsArb,
        priorArb,
        fc.array(runArb, { minLength: 1, maxLength: 12 }),
        async (budget, prior, runs) => {
          let history: Mutation[] = prior.map((p) => ({
            epoch: START - p.minutesBefore * 60,
            action: p.action,
            expandStep: p.expandStep,
          }));
          let now = START;
          for (const run of runs) {
            now += run.gapMinutes * 60;
            const timestamp = isoSeconds(now * 1000);
            const stages = memoryStages(
              {
                preview: run.preview,
                verify: run.verify,
                ...(run.failRollback ? { failMode: { mode: 'rollback', code: 5 } } : {}),
              },
              timestamp,
            );
            const r = controllerRequest({ budget, applyIntent: run.intent, expandStep: run.expandStep });
            const inputs = { timestamp, now, previousState: null, mutations: history, freezeWindows: [] };
            const outcome = await runPromotionController(r, stages.ports, inputs);
            if (outcome.kind !== 'recorded') throw new Error(outcome.errorLine);
            const m = mutationOf(outcome.state);
            if (m === null) continue;
            const before = history;
            history = [...history, m];
            if (m.action !== 'apply') continue;
            const window = history.filter(
              (x) => x.action === 'apply' && x.epoch >= now - budget.windowHours * 3600,
            );
            expect(window.length).toBeLessThanOrEqual(budget.maxAppliesPerWindow);
            if (run.intent === 'expand')
              expect(window.reduce((s, x) => s + x.expandStep, 0)).toBeLessThanOrEqual(
                budget.maxExpandStepPerWindow,
              );
            const recent = before.filter(
              (x) =>
                x.epoch >= now - budget.windowHours * 3600 && x.epoch > now - budget.cooldownMinutes * 60,
            );
            expect(recent).toEqual([]);
          }
        },
      ),
      { seed, numRuns: 200 },
    );
  });
});
