// The decisions of one orchestrator run (seed 003, `runbook run`), pure: where the run starts, which job
// it is on and with what payload, what each step becomes once its commands are checked against the
// execution policy, and the documents the run leaves (step logs, phase_state.json, job_result.json) in
// the orchestrator's schema. Law: a command the policy denies is never in `allowed`; a step whose every
// command is denied is `deny` and stops the run exactly when stop_on_deny is true; a run whose job index
// is past max_jobs runs no step and completes the loop.
import type { JobInput, PhaseState } from './codecs.js';
import { inputJobNameOf } from './job-loop.js';
import { storedPayload, type StoredPayload } from './payload.js';
import { checkStep, denyReasonOf, type PolicyCommand } from './policy.js';
import type { TosSettings } from './settings.js';
import type { PolicyReport } from './summary-codecs.js';

export interface RunContext {
  readonly settings: TosSettings;
  readonly startStep: number;
  /** The job name (job_input.json's job_name overrides the config's when the loop is enabled). */
  readonly jobName: string;
  readonly maxJobs: number;
  /** The job this run works on; null when the loop is disabled. */
  readonly jobIndex: number | null;
  /** job_input.json as the step logs store it and the orchestrator receives it; null: no payload. */
  readonly payload: StoredPayload | null;
  readonly previousPhase: string;
}

const startStepOf = (state: PhaseState | null): number =>
  state === null || state.last_done === true ? 1 : (state.current_step ?? 1);

const jobNameOf = (s: TosSettings, input: JobInput | null): string =>
  (s.jobLoop.enabled ? inputJobNameOf(input) : null) ?? s.jobLoop.jobName ?? 'default';

/** Pure: the run's context from the settings, the last phase_state.json and job_input.json. */
export const runContextOf = (
  s: TosSettings,
  state: PhaseState | null,
  input: JobInput | null,
): RunContext => {
  const loop = s.jobLoop.enabled;
  return {
    settings: s,
    startStep: startStepOf(state),
    jobName: jobNameOf(s, input),
    maxJobs: s.jobLoop.maxJobs ?? 1,
    jobIndex: loop ? (state?.job_index ?? 1) : null,
    payload: loop && input !== null ? storedPayload(input) : null,
    previousPhase: state?.previous_phase ?? 'S-4',
  };
};

/** Pure: the run finds its job index past max_jobs: no step runs, the loop completes. */
export const loopCompleted = (c: RunContext): boolean => c.jobIndex !== null && c.jobIndex > c.maxJobs;

export const completeReason = (c: RunContext): string => `job_loop_complete: max_jobs(${c.maxJobs})に到達`;

/** What the orchestrator command is asked for one step (JSON on its stdin). */
export interface StepRequest {
  readonly step_num: number;
  readonly max_steps: number;
  readonly is_experimental: boolean;
  readonly job_loop: {
    readonly enabled: boolean;
    readonly job_name: string;
    readonly job_index: number | null;
    readonly max_jobs: number;
  };
  /** The job payload as JSON text, cut to 2,000 characters plus "...(truncated)"; "null" for none. */
  readonly job_payload_json: string;
  readonly history: readonly { readonly step: number; readonly summary: string }[];
}

/** Pure: the request for step `n`. */
export const stepRequestOf = (c: RunContext, n: number, history: StepRequest['history']): StepRequest => ({
  step_num: n,
  max_steps: c.settings.maxSteps,
  is_experimental: c.settings.experimental,
  job_loop: {
    enabled: c.settings.jobLoop.enabled,
    job_name: c.jobName,
    job_index: c.jobIndex,
    max_jobs: c.maxJobs,
  },
  job_payload_json: c.payload?.text ?? 'null',
  history,
});

/** The orchestrator's answer for a step, as decoded by the edge. */
export type StepAnswer =
  | { readonly kind: 'done'; readonly reason: string }
  | { readonly kind: 'commands'; readonly commands: readonly PolicyCommand[]; readonly summary: string }
  | { readonly kind: 'failed'; readonly error: string };

export type StepDecision =
  | { readonly kind: 'done'; readonly reason: string }
  | { readonly kind: 'fatal_error'; readonly error: string }
  | { readonly kind: 'deny'; readonly report: PolicyReport; readonly reason: string; readonly stop: boolean }
  | {
      readonly kind: 'execute';
      readonly report: PolicyReport;
      /** The commands the policy allowed, in order: the only ones that run. */
      readonly allowed: readonly PolicyCommand[];
    };

/** Pure: what a step becomes: every command is checked before any runs; denied ones never run. */
export const decideStep = (s: TosSettings, answer: StepAnswer): StepDecision => {
  if (answer.kind === 'done') return answer;
  if (answer.kind === 'failed') return { kind: 'fatal_error', error: answer.error };
  const report = checkStep(s, answer.commands);
  if (report.all_denied) return { kind: 'deny', report, reason: denyReasonOf(report), stop: s.stopOnDeny };
  const allowed = answer.commands.filter((_, i) => report.commands[i]?.decision === 'allow');
  return { kind: 'execute', report, allowed };
};

/** Pure: the end_reason of a run that ended done. */
export const doneEndReason = (c: RunContext): string =>
  c.jobIndex === null ? 'done' : `done (job ${c.jobIndex}/${c.maxJobs} completed)`;

/** Pure: the job index phase_state.json keeps after a step of `phase`: one more after a done. */
export const nextJobIndex = (c: RunContext, phase: string): number | null =>
  c.jobIndex !== null && phase === 'done' ? c.jobIndex + 1 : c.jobIndex;
