// The files opsfold writes for a TOS root: logs/phase_summary.json with every field of the origin's
// docs/phase_summary_schema.md, the launcher's SummaryFile JSON (cc_run.ps1 Save-Summary) and the
// --json output of `runbook policy`.
import * as t from 'io-ts';
import { nullable } from '../core/codec.js';

const str = nullable(t.string);
const num = nullable(t.number);
const bool = nullable(t.boolean);

/** The job_loop object of phase_summary.json and of the SummaryFile JSON. */
export const JobLoopSummary = t.type(
  {
    enabled: t.boolean,
    max_jobs: num,
    job_name: str,
    current_job_index: num,
    completed: t.boolean,
  },
  'JobLoopSummary',
);
export type JobLoopSummary = t.TypeOf<typeof JobLoopSummary>;

export const StepSummary = t.type(
  {
    step_num: num,
    phase: str,
    done: bool,
    done_reason: str,
    timestamp: str,
    error: str,
    message: str,
    stopped: t.boolean,
  },
  'StepSummary',
);
export type StepSummary = t.TypeOf<typeof StepSummary>;

export const DeniedStep = t.type({ step_num: num, reason: str, message: str }, 'DeniedStep');
export const FatalErrorStep = t.type({ step_num: num, reason: str, error: str }, 'FatalErrorStep');
export const StoppedStep = t.type({ step_num: num, phase: str, reason: str }, 'StoppedStep');
export const SkippedStep = t.type({ step_num: num, skip_reason: str }, 'SkippedStep');
export type DeniedStep = t.TypeOf<typeof DeniedStep>;
export type FatalErrorStep = t.TypeOf<typeof FatalErrorStep>;
export type StoppedStep = t.TypeOf<typeof StoppedStep>;
export type SkippedStep = t.TypeOf<typeof SkippedStep>;

/** What a previous phase_summary.json is read for: only the steps the orchestrator skipped. */
// Unnamed: its io-ts default name is what a problem with the document reports.
export const PreviousPhaseSummary = t.partial({ skipped_steps: t.array(SkippedStep) });
export type PreviousPhaseSummary = t.TypeOf<typeof PreviousPhaseSummary>;

export const FinalPhaseResult = t.type(
  {
    next_phase_name: t.unknown,
    next_phase_done_condition: t.unknown,
    next_instruction_id: t.unknown,
    next_instruction_summary: t.unknown,
    next_instruction_inputs: t.unknown,
    next_instruction_expected_outputs: t.unknown,
  },
  'FinalPhaseResult',
);
export type FinalPhaseResult = t.TypeOf<typeof FinalPhaseResult>;

/** Cumulative command counters; `{}` for a run that executed no step (the job_loop_complete exit). */
export const ExecutionSummary = t.partial(
  { executed_count: t.number, denied_count: t.number, timeout_count: t.number, failed_count: t.number },
  'ExecutionSummary',
);
export type ExecutionSummary = t.TypeOf<typeof ExecutionSummary>;

/** logs/phase_summary.json: a derived file, rewritten whole from the step logs. */
export const PhaseSummary = t.type(
  {
    generated_at: t.string,
    current_phase: str,
    previous_phase: str,
    is_experimental: t.boolean,
    experimental: t.boolean,
    job_loop_enabled: t.boolean,
    job_loop: JobLoopSummary,
    job_payload_present: t.boolean,
    job_result_written: t.boolean,
    job_result_path: str,
    job_result_path_posix: str,
    total_steps: t.number,
    success_count: t.number,
    fail_count: t.number,
    denied_count: t.number,
    fatal_error_count: t.number,
    stopped_count: t.number,
    skipped_count: t.number,
    final_done: t.boolean,
    final_phase_result: nullable(FinalPhaseResult),
    execution_summary: ExecutionSummary,
    stop_on_deny: t.boolean,
    end_reason: str,
    denied_steps: t.array(DeniedStep),
    fatal_error_steps: t.array(FatalErrorStep),
    stopped_steps: t.array(StoppedStep),
    skipped_steps: t.array(SkippedStep),
    steps: t.array(StepSummary),
  },
  'PhaseSummary',
);
export type PhaseSummary = t.TypeOf<typeof PhaseSummary>;

/** The SummaryFile JSON (default logs/last_run_summary.json); job_result_path only when job_result exists. */
export const LastRunSummary = t.intersection(
  [
    t.type({
      phase: str,
      step: num,
      done: bool,
      latest_step: str,
      step_count: t.number,
      phase_summary_exists: t.boolean,
      job_result_exists: t.boolean,
      job_result_written: t.boolean,
      job_payload_present: t.boolean,
      job_payload_size: t.number,
      job_payload: str,
      job_loop: JobLoopSummary,
      end_reason: str,
    }),
    t.partial({ job_result_path: t.string }),
  ],
  'LastRunSummary',
);
export type LastRunSummary = t.TypeOf<typeof LastRunSummary>;

export const PolicyRule = t.keyof(
  { default_action: null, deny_if_contains: null, deny_patterns: null, allow_types: null },
  'PolicyRule',
);
export type PolicyRule = t.TypeOf<typeof PolicyRule>;

export const CommandVerdict = t.type(
  {
    type: t.string,
    code_snippet: t.string,
    decision: t.keyof({ allow: null, deny: null }),
    rule: nullable(PolicyRule),
    matched: str,
    shown: t.string,
    reason: t.string,
  },
  'CommandVerdict',
);
/** One command's verdict; `shown` is the line `runbook policy` prints, `reason` the origin's text. */
export type CommandVerdict = t.TypeOf<typeof CommandVerdict>;

/** `opsfold runbook policy --json`: one verdict per command and what the step would become. */
export const PolicyReport = t.type(
  {
    commands: t.array(CommandVerdict),
    allowed_count: t.number,
    denied_count: t.number,
    all_denied: t.boolean,
    phase: t.keyof({ execute: null, deny: null }),
    stop_on_deny: t.boolean,
    on_deny: nullable(t.keyof({ stop: null, continue: null })),
  },
  'PolicyReport',
);
export type PolicyReport = t.TypeOf<typeof PolicyReport>;
