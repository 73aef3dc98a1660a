// The facts of a TOS root are combined from what the edge read: only readable step logs are folded,
// every problem becomes one note, and the orchestrator's files are the targets no output may take.
// The summaries planned from them are written in the launcher's order; runbook test's --json report
// matches its contract; rollback's target comes from the flag, else the checkpoint file (UTF-16 too).
import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import { rollbackTargetOf } from './checkpoint-file.js';
import type { StepLog } from './codecs.js';
import { TestReport } from './report-codecs.js';
import { settingsOf } from './settings.js';
import { planSummaries } from './summary-plan.js';
import { testReportOf } from './test-report.js';
import { tosFactsOf, type TosReads } from './tos-facts.js';

const paths = {
  root: '/r',
  config: '/r/config_v0_3.json',
  stepsDir: '/r/logs/steps',
  phaseSummary: '/r/logs/phase_summary.json',
  phaseState: '/r/workspace/artifacts/phase_state.json',
  jobInput: '/r/workspace/artifacts/job_input.json',
  jobResult: '/r/workspace/artifacts/job_result.json',
};
const done: StepLog = { phase: 'done', step_num: 1, done: true, timestamp: '2026-03-01T08:00:00Z' };
const reads = (over: Partial<TosReads> = {}): TosReads => ({
  paths,
  settings: settingsOf(null),
  configFound: true,
  stepFiles: [{ name: 'step_001.json', path: '/r/logs/steps/step_001.json', log: done, problem: null }],
  phaseState: {
    kind: 'found',
    value: { current_phase: 'done', current_step: 1, last_done: true },
    bytes: 60,
  },
  jobInput: { kind: 'missing' },
  jobResult: { kind: 'missing' },
  previous: { kind: 'missing' },
  ...over,
});
const asOf = '2026-03-01T09:00:00Z';
const files = { json: '/r/logs/last_run_summary.json', txt: '/r/logs/last_run_summary.txt' };

describe('given what the edge read from a root', () => {
  it('when a step log is unreadable, it is not folded and a note names it', () => {
    const bad = {
      name: 'step_002.json',
      path: '/r/logs/steps/step_002.json',
      log: null,
      problem: 'step_002.json:1:0: bad',
    };
    const f = tosFactsOf(reads({ stepFiles: [...reads().stepFiles, bad] }));
    expect(f.steps.steps).toHaveLength(1);
    expect(f.stepFiles.map((s) => s.name)).toEqual(['step_001.json', 'step_002.json']);
    expect(f.notes).toEqual(['step log not folded: step_002.json:1:0: bad']);
  });

  it('when phase_state.json has a problem, it exists but has no value, and the problem is noted', () => {
    const f = tosFactsOf(
      reads({ phaseState: { kind: 'problem', detail: 'phase_state.json: refused: x', bytes: 0 } }),
    );
    expect(f.phaseState).toBeNull();
    expect(f.phaseStateProblem).toBe('phase_state.json: refused: x');
    expect(f.notes).toEqual(['phase_state.json unreadable: phase_state.json: refused: x']);
  });

  it('when there is no config, the defaults apply and a note says so', () => {
    expect(tosFactsOf(reads({ configFound: false })).notes).toEqual([
      "config_v0_3.json not found; the orchestrator's defaults apply",
    ]);
  });

  it('when job_input.json names a job and a previous summary skipped a step, both are carried', () => {
    const f = tosFactsOf(
      reads({
        jobInput: { kind: 'found', value: { job_name: 'nightly', n: 1 }, bytes: 30 },
        previous: { kind: 'found', value: { skipped_steps: [{ step_num: 3, skip_reason: 'x' }] }, bytes: 90 },
      }),
    );
    expect(f.jobInput).toEqual({ exists: true, bytes: 30, payload: { job_name: 'nightly', n: 1 } });
    expect(f.skippedSteps).toEqual([{ step_num: 3, skip_reason: 'x' }]);
    expect(f.phaseSummaryExists).toBe(true);
  });
});

describe('given the facts of a root, when the summaries are planned', () => {
  it('then phase_summary.json, the SummaryFile JSON and its TXT are written in that order', () => {
    const plan = planSummaries(tosFactsOf(reads()), asOf, files);
    if (plan.kind !== 'planned') throw new Error('expected a plan');
    expect(plan.effects.map((e) => [e.kind, e.path])).toEqual([
      ['write', paths.phaseSummary],
      ['write', files.json],
      ['text', files.txt],
    ]);
    expect(plan.effects[2]).toMatchObject({ text: `${plan.line}\n` });
    expect(plan.summary.generated_at).toBe(asOf);
  });

  it('then a SummaryFile onto a step log or an orchestrator file is refused, naming it', () => {
    const f = tosFactsOf(reads());
    expect(planSummaries(f, asOf, { json: '/r/logs/steps/step_001.json', txt: '/r/x.txt' })).toEqual({
      kind: 'refused',
      target: '/r/logs/steps/step_001.json',
    });
    expect(planSummaries(f, asOf, { json: '/r/a.json', txt: paths.phaseState })).toMatchObject({
      kind: 'refused',
    });
  });
});

describe('given the facts of a root, when tested', () => {
  it('then the --json report matches its contract and lists the saved summary last', () => {
    const summary = planSummaries(tosFactsOf(reads()), asOf, files);
    if (summary.kind !== 'planned') throw new Error('expected a plan');
    const out = testReportOf(
      tosFactsOf(reads()),
      asOf,
      { summary: summary.summary, jsonPath: files.json },
      true,
    );
    const report = JSON.parse(out.text) as unknown;
    expect(E.isRight(TestReport.decode(report))).toBe(true);
    expect(report).toMatchObject({ passed: true, status: 'done', failures: [] });
    expect((report as TestReport).lines.at(-1)).toBe(`summary saved ${files.json}`);
  });

  it('then without phase_state.json the lines end in test failed', () => {
    const out = testReportOf(tosFactsOf(reads({ phaseState: { kind: 'missing' } })), asOf, null, false);
    expect(out.verdict.decision.reasons).toEqual(['phase_state_missing']);
    expect(out.text.endsWith('FAIL phase_state.json not found\ntest failed\n')).toBe(true);
  });
});

describe('given a rollback', () => {
  const utf16 = (s: string) => Uint8Array.from([0xff, 0xfe, ...Buffer.from(s, 'utf16le')]);

  it('when --target is given, it wins over the checkpoint file', () => {
    expect(rollbackTargetOf('abc', utf16('def\r\n'))).toBe('abc');
  });

  it('when only the checkpoint file is there, its first line is the target, whatever its encoding', () => {
    expect(rollbackTargetOf(undefined, utf16('def\r\nmore'))).toBe('def');
    expect(rollbackTargetOf('', new TextEncoder().encode('  123 \n'))).toBe('123');
  });

  it('when neither names a commit, there is no target', () => {
    expect(rollbackTargetOf(undefined, null)).toBeNull();
    expect(rollbackTargetOf(undefined, new TextEncoder().encode('\n'))).toBeNull();
  });
});
