// The step fold counts as the origin's write_phase_summary does, and the job loop fold follows the
// greatest job_index.
import { describe, expect, it } from 'vitest';
import { given } from '../testing/given.js';
import type { StepLog } from './codecs.js';
import { inputJobNameOf, jobLoopOf, jobLoopProjection } from './job-loop.js';
import { settingsOf } from './settings.js';
import { stepsProjection } from './steps-projection.js';

const step = (phase: string, n: number, extra: StepLog = {}): StepLog => ({
  phase,
  step_num: n,
  timestamp: `2025-12-14T10:00:0${n}.000000`,
  done: phase === 'done',
  done_reason: `${phase} reason`,
  ...extra,
});

describe('given step logs of one run', () => {
  it('when an execute and a done step are folded, both are successes and the done is final', () => {
    const st = given(stepsProjection).events(
      step('execute', 1, { execution: { execution_summary: { executed_count: 2, failed_count: 1 } } }),
      step('done', 2, { next_phase_name: 'S-5' }),
    ).state;
    expect(st).toMatchObject({ success_count: 2, fail_count: 0, final_done: true });
    expect(st.final_phase_result?.next_phase_name).toBe('S-5');
    expect(st.execution).toEqual({ executed_count: 2, denied_count: 0, timeout_count: 0, failed_count: 1 });
  });

  it('when a deny step is stopped, it counts as stopped and denied, never as success', () => {
    const st = given(stepsProjection).events(step('deny', 1, { stopped: true, message: 'deny: x' })).state;
    expect(st).toMatchObject({ success_count: 0, denied_count: 1, stopped_count: 1 });
    expect(st.denied_steps).toEqual([{ step_num: 1, reason: 'deny reason', message: 'deny: x' }]);
    expect(st.stopped_steps).toEqual([{ step_num: 1, phase: 'deny', reason: 'deny reason' }]);
  });

  it('when a deny step is not stopped (stop_on_deny=false), it counts as denied only', () => {
    const st = given(stepsProjection).events(step('deny', 1), step('execute', 2)).state;
    expect(st).toMatchObject({ denied_count: 1, stopped_count: 0, success_count: 1 });
  });

  it('when a fatal_error step is stopped, it lists its error', () => {
    const st = given(stepsProjection).events(
      step('fatal_error', 1, { stopped: true, error: 'draft生成失敗' }),
    ).state;
    expect(st.fatal_error_steps).toEqual([
      { step_num: 1, reason: 'fatal_error reason', error: 'draft生成失敗' },
    ]);
  });

  it('when an error step is stopped it is not a failure, when it is not stopped it is (the origin rule)', () => {
    expect(given(stepsProjection).events(step('error', 1, { stopped: true })).state.fail_count).toBe(0);
    expect(given(stepsProjection).events(step('error', 1)).state.fail_count).toBe(1);
  });

  it('when step_001.json was rewritten last, the latest step is the one with the greatest timestamp', () => {
    const st = given(stepsProjection).events(
      step('job_loop_complete', 1, { timestamp: '2025-12-13T23:19:06.5' }),
      step('done', 2, { timestamp: '2025-12-13T23:14:40.0' }),
    ).state;
    expect(st.latest?.phase).toBe('job_loop_complete');
  });
});

describe('given a job loop of max_jobs 3', () => {
  const settings = settingsOf({
    s5_settings: { job_loop: { enabled: true, max_jobs: 3, job_name: 'sample' } },
  }).jobLoop;
  const facts = (logs: StepLog[], storedIndex: number | null = null, inputJobName: string | null = null) => ({
    settings,
    state: given(jobLoopProjection).events(...logs).state,
    storedIndex,
    inputJobName,
  });

  it('when job 2 of 3 is done, the loop is on job 2 and not completed', () => {
    expect(
      jobLoopOf(facts([step('done', 1, { job_index: 1 }), step('done', 2, { job_index: 2 })], 3)),
    ).toEqual({
      enabled: true,
      max_jobs: 3,
      job_name: 'sample',
      current_job_index: 2,
      completed: false,
    });
  });

  it('when the job_loop_complete step (job 4) overwrote step_001, the loop is completed', () => {
    const logs = [step('job_loop_complete', 1, { job_index: 4 }), step('done', 2, { job_index: 2 })];
    expect(jobLoopOf(facts(logs, 4))).toMatchObject({ current_job_index: 4, completed: true });
  });

  it('when no step carries a job index, phase_state decides, else the loop starts at 1', () => {
    expect(jobLoopOf(facts([], 4))).toMatchObject({ current_job_index: 4, completed: true });
    expect(jobLoopOf(facts([]))).toMatchObject({ current_job_index: 1, completed: false });
  });

  it('when job_input.json names a job, that name overrides the config', () => {
    expect(jobLoopOf(facts([], null, inputJobNameOf({ job_name: 'custom_job' }))).job_name).toBe(
      'custom_job',
    );
    expect(inputJobNameOf({ job_name: '' })).toBeNull();
    expect(inputJobNameOf({ job_name: 7 })).toBeNull();
    expect(inputJobNameOf(null)).toBeNull();
  });

  it('when the loop is disabled, there is no index and it is never completed', () => {
    const off = { ...facts([step('done', 1, { job_index: 9 })], 9), settings: settingsOf(null).jobLoop };
    expect(jobLoopOf(off)).toEqual({
      enabled: false,
      max_jobs: null,
      job_name: null,
      current_job_index: null,
      completed: false,
    });
  });
});
