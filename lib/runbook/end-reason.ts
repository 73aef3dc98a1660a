// Why the last orchestrator run ended, rebuilt from what it left behind (phase_state.json, else the
// latest step log) in the wording main() uses: "done", "done (job X/Y completed)",
// "job_loop_complete: max_jobs(N)に到達", "deny: …", "fatal_error: …", "max_steps_reached: N".
// A run that is still executing (or was cut off mid-step) has no end reason: null.
import type { PhaseState } from './codecs.js';
import type { LatestStep } from './steps-projection.js';
import type { JobLoopSummary } from './summary-codecs.js';

export interface EndReasonFacts {
  readonly phaseState: PhaseState | null;
  readonly latest: LatestStep | null;
  readonly jobLoop: JobLoopSummary;
  readonly maxSteps: number;
}

/** Pure: the phase the last run ended in: phase_state's current_phase, else the latest step's phase. */
export const lastPhaseOf = (f: Pick<EndReasonFacts, 'phaseState' | 'latest'>): string | null =>
  f.phaseState?.current_phase ?? f.latest?.phase ?? null;

const storedReason = (f: EndReasonFacts): string | null =>
  typeof f.phaseState?.current_phase === 'string' ? (f.phaseState.last_done_reason ?? null) : null;

const doneReason = (j: JobLoopSummary): string =>
  j.enabled ? `done (job ${j.current_job_index ?? '?'}/${j.max_jobs ?? '?'} completed)` : 'done';

type Rule = (f: EndReasonFacts, stored: string | null) => string;

const latestError = (f: EndReasonFacts): string | null => f.latest?.error ?? null;

const RULES: Readonly<Record<string, Rule>> = {
  done: (f) => doneReason(f.jobLoop),
  job_loop_complete: (f, stored) =>
    stored ?? f.latest?.done_reason ?? `job_loop_complete: max_jobs(${f.jobLoop.max_jobs ?? '?'})に到達`,
  fatal_error: (f, stored) => {
    const error = latestError(f);
    return stored ?? (error ? `fatal_error: ${error}` : 'fatal_error');
  },
  deny: (f, stored) => stored ?? f.latest?.message ?? 'deny',
  max_steps_reached: (f) => `max_steps_reached: ${f.maxSteps}`,
};

/** Pure: the end_reason of phase_summary.json. */
export const endReasonOf = (f: EndReasonFacts): string | null => {
  const phase = lastPhaseOf(f);
  const rule = phase === null ? undefined : RULES[phase];
  return rule === undefined ? null : rule(f, storedReason(f));
};
