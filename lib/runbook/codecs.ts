// The files a TOS root holds, as the orchestrator (tkgathr2/tos orchestrator_v0_3.py) writes them. Every
// field is optional and nullable because the orchestrator grew its schema sprint by sprint and older
// step logs lack the later keys; a field that is present with the wrong type is still refused.
import * as t from 'io-ts';
import { nullable } from '../core/codec.js';

const str = nullable(t.string);
const num = nullable(t.number);
const bool = nullable(t.boolean);

/** execution_policy of config_v0_3.json: the deny rules checked before a command runs. */
export const ExecutionPolicy = t.partial(
  {
    default_action: t.string,
    stop_on_deny: t.boolean,
    deny_if_contains: t.array(t.string),
  },
  'ExecutionPolicy',
);

/** s5_settings.job_loop: run one job per orchestrator run until max_jobs. */
export const JobLoopSettings = t.partial(
  {
    enabled: t.boolean,
    max_jobs: t.number,
    job_name: t.string,
    job_input: t.partial({ path: t.string, required: t.boolean }),
    job_result: t.partial({ path: t.string }),
  },
  'JobLoopSettings',
);

/** config_v0_3.json, the keys opsfold reads; the prompt templates and model names pass through unread. */
export const TosConfig = t.partial(
  {
    config_version: t.string,
    sprint: t.string,
    max_steps: t.number,
    timeout_sec: t.number,
    orchestrator_command: t.array(t.string),
    workspace_dir: t.string,
    logs_dir: t.string,
    allow_types: t.array(t.string),
    deny_patterns: t.array(t.string),
    execution_policy: ExecutionPolicy,
    s5_settings: t.partial({
      enabled: t.boolean,
      description: t.string,
      experimental_warning: t.boolean,
      job_loop: JobLoopSettings,
    }),
  },
  'TosConfig',
);
export type TosConfig = t.TypeOf<typeof TosConfig>;

const ExecutionCounts = t.partial({
  executed_count: t.number,
  denied_count: t.number,
  timeout_count: t.number,
  failed_count: t.number,
});

/** logs/steps/step_NNN.json, one per orchestrator step (build_step_log_data). */
export const StepLog = t.partial(
  {
    phase: str,
    step_num: num,
    timestamp: str,
    done: bool,
    done_reason: str,
    error: str,
    message: str,
    stopped: bool,
    is_experimental: bool,
    s5_flag: bool,
    job_loop_enabled: bool,
    job_name: str,
    job_index: num,
    job_payload: str,
    job_payload_present: bool,
    job_payload_size: num,
    job_result_written: bool,
    job_result_path: str,
    execution: nullable(t.partial({ execution_summary: nullable(ExecutionCounts) })),
    next_phase_name: t.unknown,
    next_phase_done_condition: t.unknown,
    next_instruction_id: t.unknown,
    next_instruction_summary: t.unknown,
    next_instruction_inputs: t.unknown,
    next_instruction_expected_outputs: t.unknown,
  },
  'StepLog',
);
export type StepLog = t.TypeOf<typeof StepLog>;

/** workspace/artifacts/phase_state.json (save_phase_state). The orchestrator's; opsfold never writes it. */
export const PhaseState = t.partial(
  {
    current_phase: str,
    previous_phase: str,
    current_step: num,
    last_done: bool,
    last_done_reason: str,
    next_instruction_id: t.unknown,
    job_index: num,
    updated_at: str,
  },
  'PhaseState',
);
export type PhaseState = t.TypeOf<typeof PhaseState>;

/** workspace/artifacts/job_input.json: any JSON object; a non-empty job_name overrides the config's. */
export const JobInput = t.intersection([t.UnknownRecord, t.partial({ job_name: t.unknown })], 'JobInput');
export type JobInput = t.TypeOf<typeof JobInput>;

/** workspace/artifacts/job_result.json, written by the orchestrator at job_loop_complete (write_job_result). */
export const JobResult = t.type(
  {
    job_name: str,
    max_jobs: num,
    jobs_executed: num,
    end_reason: str,
    last_phase: str,
    last_step: num,
    timestamp: str,
  },
  'JobResult',
);
export type JobResult = t.TypeOf<typeof JobResult>;
