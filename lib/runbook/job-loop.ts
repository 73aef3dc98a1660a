// The S-5 job loop: each orchestrator run executes one job; job_index starts at 1, goes up by one after
// every done, and the run that finds job_index > max_jobs ends in job_loop_complete and writes
// job_result.json. A run after a done starts again at step 1, so the job_loop_complete step overwrites
// step_001.json: the job a root is on is the greatest job_index any step log carries, not the one in
// the last file. Law: the loop is completed exactly when it is enabled and its job index (that
// greatest one, else phase_state's, else 1) is greater than max_jobs; a disabled loop has no index and
// is never completed.
import type { Projection } from '../core/projection.js';
import type { JobInput, StepLog } from './codecs.js';
import type { JobLoopSummary } from './summary-codecs.js';
import type { JobLoopSettingsResolved } from './settings.js';

export interface JobLoopState {
  /** The greatest job_index a step log carried: the job the latest run worked on. */
  readonly job_index: number | null;
}

export const initialJobLoop: JobLoopState = { job_index: null };

/** Pure: one step log folded into the job loop's progress. */
export const evolveJobLoop = (st: JobLoopState, log: StepLog): JobLoopState =>
  typeof log.job_index === 'number' && (st.job_index === null || log.job_index > st.job_index)
    ? { job_index: log.job_index }
    : st;

export const jobLoopProjection: Projection<JobLoopState, StepLog> = {
  name: 'runbook.job-loop',
  version: 1,
  initial: initialJobLoop,
  evolve: (st, e) => evolveJobLoop(st, e.value),
};

export interface JobLoopFacts {
  readonly settings: JobLoopSettingsResolved;
  readonly state: JobLoopState;
  /** phase_state.json job_index: the index the next run will use. */
  readonly storedIndex: number | null;
  /** job_name of job_input.json, when it is a non-empty string. */
  readonly inputJobName: string | null;
}

/** Pure: the job index the loop is on, or null when the loop is disabled. */
export const jobIndexOf = (f: JobLoopFacts): number | null => {
  if (!f.settings.enabled) return null;
  return f.state.job_index ?? f.storedIndex ?? 1;
};

/** Pure: the job_loop object of phase_summary.json. */
export const jobLoopOf = (f: JobLoopFacts): JobLoopSummary => {
  const index = jobIndexOf(f);
  const max = f.settings.maxJobs;
  return {
    enabled: f.settings.enabled,
    max_jobs: max,
    job_name: f.settings.enabled && f.inputJobName !== null ? f.inputJobName : f.settings.jobName,
    current_job_index: index,
    completed: index !== null && max !== null && index > max,
  };
};

/** Pure: job_input.json's job_name when it overrides the config's (a non-empty string). */
export const inputJobNameOf = (input: JobInput | null): string | null => {
  const name = input?.job_name;
  return typeof name === 'string' && name !== '' ? name : null;
};
