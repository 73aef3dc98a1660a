// The documents a run leaves, in the orchestrator's schema (build_step_log_data, save_phase_state,
// write_job_result of tkgathr2/tos): every key present, so the summary, test and dashboard read a run of
// opsfold's exactly as one of the origin's. Pure: the time is a value the caller passes.
import type { JobResult, PhaseState } from './codecs.js';
import { completeReason, nextJobIndex, type RunContext } from './run-decide.js';

/** The parts of a step log that differ from step to step. */
export interface StepFields {
  readonly phase: string;
  readonly done?: boolean;
  readonly done_reason?: string;
  readonly error?: string | null;
  readonly message?: string | null;
  readonly stopped?: boolean;
  readonly final_commands?: unknown;
  readonly allowlist_summary?: unknown;
  readonly execution?: unknown;
  readonly job_result_written?: boolean;
  readonly job_result_path?: string | null;
}

const STEP_DEFAULTS = {
  done: false,
  done_reason: '',
  error: null,
  message: null,
  stopped: false,
  job_result_written: false,
  job_result_path: null,
  final_commands: null,
  allowlist_summary: null,
  execution: null,
};

/** Pure: the step log of step `n`, with the run's experimental flag, job and payload in every one. */
export const stepLogOf = (c: RunContext, n: number, at: string, f: StepFields) => ({
  ...STEP_DEFAULTS,
  ...f,
  step_num: n,
  timestamp: at,
  is_experimental: c.settings.experimental,
  s5_flag: c.settings.experimental,
  job_loop_enabled: c.settings.jobLoop.enabled,
  job_name: c.jobName,
  job_index: c.jobIndex,
  job_payload: c.payload?.text ?? null,
  job_payload_present: c.payload !== null,
  job_payload_size: c.payload?.size ?? 0,
});

export type StepLogDoc = ReturnType<typeof stepLogOf>;

/** Pure: phase_state.json after a step of `phase` (the job index moves on after a done). */
export const phaseStateOf = (
  c: RunContext,
  at: string,
  s: { readonly phase: string; readonly step: number; readonly done: boolean; readonly reason: string },
): PhaseState => ({
  current_phase: s.phase,
  previous_phase: c.previousPhase,
  current_step: s.step,
  last_done: s.done,
  last_done_reason: s.reason,
  next_instruction_id: null,
  job_index: nextJobIndex(c, s.phase),
  updated_at: at,
});

/** Pure: job_result.json of a loop completed at step `step`. */
export const jobResultOf = (c: RunContext, step: number, at: string): JobResult => ({
  job_name: c.jobName,
  max_jobs: c.maxJobs,
  jobs_executed: c.maxJobs,
  end_reason: completeReason(c),
  last_phase: 'job_loop_complete',
  last_step: step,
  timestamp: at,
});
