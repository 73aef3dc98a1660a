// The step logs folded in file-name order into the counts and lists of phase_summary.json, with the
// origin's write_phase_summary rules. Law: a stopped step is never a success or a failure; it is
// counted in stopped_count and, when its phase is deny or fatal_error, in that count too; a step that
// is not stopped counts as fail (phase error), denied, fatal_error or success (execute, done) and
// nothing else; final_done holds once any step is done and final_phase_result is the last done step's.
// The latest step is the one written last: the greatest timestamp (the orchestrator rewrites
// step_001.json when a job-loop run starts over), file order breaking ties and standing in for a
// missing timestamp.
import type { Projection } from '../core/projection.js';
import type { StepLog } from './codecs.js';
import type {
  DeniedStep,
  FatalErrorStep,
  FinalPhaseResult,
  StepSummary,
  StoppedStep,
} from './summary-codecs.js';

export interface ExecutionTotals {
  readonly executed_count: number;
  readonly denied_count: number;
  readonly timeout_count: number;
  readonly failed_count: number;
}

/** The facts of the most recent step that later decisions read (end_reason, run-mode lines, warnings). */
export interface LatestStep {
  readonly step_num: number | null;
  readonly phase: string | null;
  readonly stopped: boolean;
  readonly done_reason: string | null;
  readonly error: string | null;
  readonly message: string | null;
  readonly is_experimental: boolean | null;
  readonly job_index: number | null;
  readonly timestamp: string | null;
}

export interface StepsState {
  readonly steps: readonly StepSummary[];
  readonly success_count: number;
  readonly fail_count: number;
  readonly denied_count: number;
  readonly fatal_error_count: number;
  readonly stopped_count: number;
  readonly denied_steps: readonly DeniedStep[];
  readonly fatal_error_steps: readonly FatalErrorStep[];
  readonly stopped_steps: readonly StoppedStep[];
  readonly final_done: boolean;
  readonly final_phase_result: FinalPhaseResult | null;
  readonly execution: ExecutionTotals;
  /** How many steps carried execution.execution_summary counters. */
  readonly execution_steps: number;
  readonly latest: LatestStep | null;
}

export const initialSteps: StepsState = {
  steps: [],
  success_count: 0,
  fail_count: 0,
  denied_count: 0,
  fatal_error_count: 0,
  stopped_count: 0,
  denied_steps: [],
  fatal_error_steps: [],
  stopped_steps: [],
  final_done: false,
  final_phase_result: null,
  execution: { executed_count: 0, denied_count: 0, timeout_count: 0, failed_count: 0 },
  execution_steps: 0,
  latest: null,
};

const n = (v: number | null | undefined): number | null => (typeof v === 'number' ? v : null);
const s = (v: string | null | undefined): string | null => (typeof v === 'string' ? v : null);

const summaryOf = (log: StepLog): StepSummary => ({
  step_num: n(log.step_num),
  phase: s(log.phase),
  done: typeof log.done === 'boolean' ? log.done : null,
  done_reason: s(log.done_reason),
  timestamp: s(log.timestamp),
  error: s(log.error),
  message: s(log.message),
  stopped: log.stopped === true,
});

const finalOf = (log: StepLog): FinalPhaseResult => ({
  next_phase_name: log.next_phase_name ?? null,
  next_phase_done_condition: log.next_phase_done_condition ?? null,
  next_instruction_id: log.next_instruction_id ?? null,
  next_instruction_summary: log.next_instruction_summary ?? null,
  next_instruction_inputs: log.next_instruction_inputs ?? null,
  next_instruction_expected_outputs: log.next_instruction_expected_outputs ?? null,
});

const denyOrFatal = (st: StepsState, log: StepLog): StepsState => {
  const step_num = n(log.step_num);
  const reason = s(log.done_reason);
  if (log.phase === 'deny')
    return {
      ...st,
      denied_count: st.denied_count + 1,
      denied_steps: [...st.denied_steps, { step_num, reason, message: s(log.message) }],
    };
  if (log.phase === 'fatal_error')
    return {
      ...st,
      fatal_error_count: st.fatal_error_count + 1,
      fatal_error_steps: [...st.fatal_error_steps, { step_num, reason, error: s(log.error) }],
    };
  return st;
};

const counted = (st: StepsState, log: StepLog): StepsState => {
  if (log.stopped === true) {
    const stopped = { step_num: n(log.step_num), phase: s(log.phase), reason: s(log.done_reason) };
    return denyOrFatal(
      { ...st, stopped_count: st.stopped_count + 1, stopped_steps: [...st.stopped_steps, stopped] },
      log,
    );
  }
  if (log.phase === 'error') return { ...st, fail_count: st.fail_count + 1 };
  if (log.phase === 'deny' || log.phase === 'fatal_error') return denyOrFatal(st, log);
  if (log.phase === 'execute' || log.phase === 'done') return { ...st, success_count: st.success_count + 1 };
  return st;
};

const withExecution = (st: StepsState, log: StepLog): StepsState => {
  const c = log.execution?.execution_summary;
  if (c === null || c === undefined) return st;
  const e = st.execution;
  return {
    ...st,
    execution_steps: st.execution_steps + 1,
    execution: {
      executed_count: e.executed_count + (c.executed_count ?? 0),
      denied_count: e.denied_count + (c.denied_count ?? 0),
      timeout_count: e.timeout_count + (c.timeout_count ?? 0),
      failed_count: e.failed_count + (c.failed_count ?? 0),
    },
  };
};

const latestOf = (log: StepLog): LatestStep => ({
  step_num: n(log.step_num),
  phase: s(log.phase),
  stopped: log.stopped === true,
  done_reason: s(log.done_reason),
  error: s(log.error),
  message: s(log.message),
  is_experimental: typeof log.is_experimental === 'boolean' ? log.is_experimental : null,
  job_index: n(log.job_index),
  timestamp: s(log.timestamp),
});

const isLater = (candidate: LatestStep, current: LatestStep | null): boolean =>
  current === null ||
  candidate.timestamp === null ||
  current.timestamp === null ||
  candidate.timestamp >= current.timestamp;

/** Pure: one step log folded into the phase summary's counts and lists. */
export const evolveSteps = (st: StepsState, log: StepLog): StepsState => {
  const next = withExecution(counted({ ...st, steps: [...st.steps, summaryOf(log)] }, log), log);
  const done = log.done === true;
  const candidate = latestOf(log);
  return {
    ...next,
    final_done: st.final_done || done,
    final_phase_result: done ? finalOf(log) : st.final_phase_result,
    latest: isLater(candidate, st.latest) ? candidate : st.latest,
  };
};

export const stepsProjection: Projection<StepsState, StepLog> = {
  name: 'runbook.steps',
  version: 1,
  initial: initialSteps,
  evolve: (st, e) => evolveSteps(st, e.value),
};
