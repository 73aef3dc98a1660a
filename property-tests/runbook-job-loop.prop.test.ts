// The runbook folds (lib/runbook/job-loop.ts, steps-projection.ts, phase-summary.ts, payload.ts).
//
// Laws:
//   1. The job loop fold is complete exactly when the loop is enabled and its job index is greater
//      than max_jobs; the index is the greatest job_index of any step log, else phase_state's, else 1.
//      A disabled loop has no index and is never complete.
//   2. Both step folds keep the kernel's law: folding all step logs equals folding a prefix, taking a
//      JSON checkpoint and folding the rest (lib/testing replayLaws), and two folds are identical.
//   3. The phase summary's counts equal the lengths of their lists, total_steps is the number of step
//      logs, and every step is counted at most once among success, fail, denied-not-stopped,
//      fatal-not-stopped and stopped.
//   4. A stored payload is the serialized payload when it has at most 2,000 code points, else its
//      first 2,000 code points followed by "...(truncated)".
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fold } from '../lib/core/projection.js';
import { positionEvents } from '../lib/testing/given.js';
import { replayLaws } from '../lib/testing/replay-laws.js';
import type { StepLog } from '../lib/runbook/codecs.js';
import { jobLoopOf, jobLoopProjection } from '../lib/runbook/job-loop.js';
import { buildPhaseSummary } from '../lib/runbook/phase-summary.js';
import { codePointLength, truncateText } from '../lib/runbook/payload.js';
import { settingsOf } from '../lib/runbook/settings.js';
import { stepsProjection } from '../lib/runbook/steps-projection.js';

const seed = Number(process.env.FC_SEED ?? 424242);
const params = { seed, numRuns: 300 };

const PHASES = [
  'execute',
  'done',
  'deny',
  'fatal_error',
  'error',
  'job_loop_complete',
  'max_steps_reached',
  null,
];

const stepArb: fc.Arbitrary<StepLog> = fc.record(
  {
    phase: fc.constantFrom(...PHASES),
    step_num: fc.integer({ min: 1, max: 12 }),
    timestamp: fc.option(
      fc.integer({ min: 0, max: 59 }).map((s) => `2025-12-13T23:00:${String(s).padStart(2, '0')}.000000`),
    ),
    done: fc.option(fc.boolean()),
    done_reason: fc.option(fc.constantFrom('r', 'ステップ実行完了')),
    stopped: fc.option(fc.boolean()),
    job_loop_enabled: fc.boolean(),
    job_index: fc.option(fc.integer({ min: 0, max: 8 })),
    execution: fc.option(
      fc.record({ execution_summary: fc.record({ executed_count: fc.nat(3), denied_count: fc.nat(3) }) }),
    ),
  },
  { requiredKeys: ['phase', 'step_num'] },
);
const logsArb = fc.array(stepArb, { maxLength: 12 });

describe('the job loop fold', () => {
  it('is complete exactly when enabled and job_index > max_jobs', () => {
    fc.assert(
      fc.property(
        logsArb,
        fc.boolean(),
        fc.option(fc.integer({ min: 0, max: 6 })),
        fc.option(fc.integer({ min: 1, max: 8 })),
        (logs, enabled, maxJobs, stored) => {
          const config = {
            s5_settings: { job_loop: { enabled, ...(maxJobs === null ? {} : { max_jobs: maxJobs }) } },
          };
          const settings = settingsOf(config).jobLoop;
          const state = fold(jobLoopProjection, positionEvents(logs));
          const loop = jobLoopOf({ settings, state, storedIndex: stored, inputJobName: null });
          const indices = logs.flatMap((l) => (typeof l.job_index === 'number' ? [l.job_index] : []));
          const expectedIndex = enabled ? (indices.length > 0 ? Math.max(...indices) : (stored ?? 1)) : null;
          const max = maxJobs ?? (enabled ? 1 : null);
          expect(loop.current_job_index).toBe(expectedIndex);
          expect(loop.completed).toBe(expectedIndex !== null && max !== null && expectedIndex > max);
        },
      ),
      params,
    );
  });
});

describe('the step folds', () => {
  it.each([stepsProjection, jobLoopProjection])('$name keeps the replay laws', (projection) => {
    fc.assert(
      fc.property(logsArb, fc.integer({ min: 0, max: 2 ** 31 - 1 }), (logs, lawSeed) => {
        const r = replayLaws(projection as never, positionEvents(logs), { seed: lawSeed, runs: 5 });
        expect(r.ok, r.ok ? '' : r.message).toBe(true);
      }),
      { ...params, numRuns: 60 },
    );
  });

  it('count each step at most once and agree with their lists', () => {
    fc.assert(
      fc.property(logsArb, (logs) => {
        const settings = settingsOf(null);
        const s = buildPhaseSummary({
          generatedAt: '2026-01-01T00:00:00Z',
          settings,
          steps: fold(stepsProjection, positionEvents(logs)),
          jobLoop: jobLoopOf({
            settings: settings.jobLoop,
            state: { job_index: null },
            storedIndex: null,
            inputJobName: null,
          }),
          phaseState: null,
          jobPayloadPresent: false,
          jobResultPath: null,
          skippedSteps: [],
        });
        expect(s.total_steps).toBe(logs.length);
        expect([s.denied_count, s.fatal_error_count, s.stopped_count]).toEqual([
          s.denied_steps.length,
          s.fatal_error_steps.length,
          s.stopped_steps.length,
        ]);
        const stopped = logs.filter((l) => l.stopped === true).length;
        const deniedFree = s.denied_steps.length - s.stopped_steps.filter((x) => x.phase === 'deny').length;
        const fatalFree =
          s.fatal_error_steps.length - s.stopped_steps.filter((x) => x.phase === 'fatal_error').length;
        expect(stopped).toBe(s.stopped_count);
        expect(s.success_count + s.fail_count + deniedFree + fatalFree + stopped).toBeLessThanOrEqual(
          logs.length,
        );
        expect(s.final_done).toBe(logs.some((l) => l.done === true));
      }),
      params,
    );
  });
});

describe('the stored payload', () => {
  it('is the text itself up to 2,000 code points, else its first 2,000 plus the mark', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 2600 }), (text) => {
        const out = truncateText(text);
        const cps = [...text];
        if (cps.length <= 2000) expect(out).toBe(text);
        else {
          expect(out).toBe(`${cps.slice(0, 2000).join('')}...(truncated)`);
          expect(codePointLength(out)).toBe(2000 + '...(truncated)'.length);
        }
      }),
      { ...params, numRuns: 100 },
    );
  });
});
