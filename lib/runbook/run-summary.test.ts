// The SummaryFile TXT keeps cc_run.ps1's token order and PowerShell's rendering; end_reason follows
// the orchestrator's wording for each way a run ends.
import { describe, expect, it } from 'vitest';
import { endReasonOf } from './end-reason.js';
import { lastRunSummary, summaryLine } from './run-summary.js';
import type { LatestStep } from './steps-projection.js';
import type { JobLoopSummary, LastRunSummary } from './summary-codecs.js';

const loopOff: JobLoopSummary = {
  enabled: false,
  max_jobs: null,
  job_name: null,
  current_job_index: null,
  completed: false,
};
const loopOn: JobLoopSummary = {
  enabled: true,
  max_jobs: 3,
  job_name: 'sample',
  current_job_index: 1,
  completed: false,
};
const summary = (over: Partial<LastRunSummary> = {}): LastRunSummary => ({
  phase: 'done',
  step: 1,
  done: true,
  latest_step: 'step_001.json',
  step_count: 1,
  phase_summary_exists: true,
  job_result_exists: false,
  job_result_written: false,
  job_payload_present: true,
  job_payload_size: 123,
  job_payload: null,
  job_loop: loopOn,
  end_reason: null,
  ...over,
});

describe('given a SummaryFile JSON', () => {
  it('when the job loop runs and job_result exists, every token is there and job_result_path is last', () => {
    const s = summary({
      job_result_exists: true,
      job_result_written: true,
      job_result_path: 'C:\\tos\\jr.json',
    });
    expect(summaryLine({ ...s, end_reason: 'done (job 1/3 completed)' })).toBe(
      'phase=done step=1 done=True latest_step=step_001.json step_count=1 phase_summary=exists job_result=exists ' +
        'job_loop=enabled job_name=sample job_index=1 max_jobs=3 job_payload=present job_result_written=true ' +
        'job_payload_size=123 end_reason=done (job 1/3 completed) job_result_path=C:\\tos\\jr.json',
    );
  });

  it('when nothing is known, nulls print empty and the optional tokens are left out', () => {
    const s = summary({
      phase: null,
      step: null,
      done: null,
      latest_step: null,
      step_count: 0,
      phase_summary_exists: false,
      job_payload_present: false,
      job_payload_size: 0,
      job_loop: loopOff,
    });
    expect(summaryLine(s)).toBe(
      'phase= step= done= latest_step= step_count=0 phase_summary=none job_result=none job_loop=disabled ' +
        'job_payload=none job_result_written=false job_payload_size=0',
    );
  });

  it("when phase_summary has no job index, phase_state's stands in", () => {
    const s = summary({ job_loop: { ...loopOn, current_job_index: null } });
    expect(summaryLine(s, 2)).toContain(' job_name=sample job_index=2 max_jobs=3 ');
  });
});

describe('given the files a run left', () => {
  it('when there is no phase_summary, the job loop object is a disabled one carrying phase_state.job_index', () => {
    const s = lastRunSummary({
      phaseState: { current_phase: 'done', current_step: 2, last_done: true, job_index: 3 },
      stepFiles: ['step_002.json', 'step_010.json', 'step_001.json'],
      phaseSummary: null,
      jobResultPath: null,
      jobInput: { exists: false, bytes: 0, stored: null },
    });
    expect(s).toMatchObject({ latest_step: 'step_010.json', step_count: 3, phase_summary_exists: false });
    expect(s.job_loop).toEqual({ ...loopOff, current_job_index: 3 });
    expect(s).not.toHaveProperty('job_result_path');
  });
});

describe('given how the last run ended', () => {
  const latest = (phase: string, over: Partial<LatestStep> = {}): LatestStep => ({
    step_num: 1,
    phase,
    stopped: false,
    done_reason: null,
    error: null,
    message: null,
    is_experimental: null,
    job_index: null,
    timestamp: null,
    ...over,
  });
  const reason = (phase: string, over: Partial<LatestStep> = {}, jobLoop = loopOff) =>
    endReasonOf({ phaseState: null, latest: latest(phase, over), jobLoop, maxSteps: 8 });

  it('when it was done, the reason is done, with the job when the loop runs', () => {
    expect(reason('done')).toBe('done');
    expect(reason('done', {}, { ...loopOn, current_job_index: 2 })).toBe('done (job 2/3 completed)');
  });

  it('when phase_state is gone, deny and fatal_error reasons come from the step log', () => {
    expect(reason('deny', { message: 'deny: 全コマンドがdeny: x' })).toBe('deny: 全コマンドがdeny: x');
    expect(reason('fatal_error', { error: 'review生成失敗' })).toBe('fatal_error: review生成失敗');
  });

  it('when max_steps was reached, the reason names max_steps; a run cut off mid-step has none', () => {
    expect(reason('max_steps_reached')).toBe('max_steps_reached: 8');
    expect(reason('execute')).toBeNull();
  });

  it('when phase_state is there, its last_done_reason is the deny reason', () => {
    expect(
      endReasonOf({
        phaseState: { current_phase: 'deny', last_done_reason: 'deny: stored' },
        latest: latest('execute'),
        jobLoop: loopOff,
        maxSteps: 8,
      }),
    ).toBe('deny: stored');
  });
});
