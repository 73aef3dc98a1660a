// logs/phase_summary.json, rebuilt whole from the folded step logs and the files beside them, with
// every field of the origin's schema. Law: the counts equal the lengths of their lists (denied,
// fatal_error, stopped, skipped), total_steps is the number of step logs folded, and
// job_result_written implies the job loop completed and job_result.json exists.
import type { PhaseState } from './codecs.js';
import { endReasonOf, lastPhaseOf } from './end-reason.js';
import type { TosSettings } from './settings.js';
import type { StepsState } from './steps-projection.js';
import type { JobLoopSummary, PhaseSummary, SkippedStep } from './summary-codecs.js';

export interface PhaseSummaryInputs {
  readonly generatedAt: string;
  readonly settings: TosSettings;
  readonly steps: StepsState;
  readonly jobLoop: JobLoopSummary;
  readonly phaseState: PhaseState | null;
  /** job_input.json exists and holds a JSON object. */
  readonly jobPayloadPresent: boolean;
  /** Where job_result.json is, when it exists. */
  readonly jobResultPath: string | null;
  /** Steps the orchestrator skipped (only it knows): carried over from the previous phase_summary.json. */
  readonly skippedSteps: readonly SkippedStep[];
}

/** Pure: S-5 experimental when the config enables s5_settings or the latest step says so. */
export const isExperimental = (i: Pick<PhaseSummaryInputs, 'settings' | 'steps'>): boolean =>
  i.settings.experimental || i.steps.latest?.is_experimental === true;

const phasesOf = (i: PhaseSummaryInputs, experimental: boolean) =>
  experimental
    ? { current_phase: 'S-5', previous_phase: i.phaseState?.previous_phase ?? 'S-4' }
    : {
        current_phase: lastPhaseOf({ phaseState: i.phaseState, latest: i.steps.latest }),
        previous_phase: i.phaseState?.previous_phase ?? null,
      };

/** Pure: the phase_summary.json document. */
export const buildPhaseSummary = (i: PhaseSummaryInputs): PhaseSummary => {
  const st = i.steps;
  const experimental = isExperimental(i);
  const earlyExit = st.latest?.phase === 'job_loop_complete';
  return {
    generated_at: i.generatedAt,
    ...phasesOf(i, experimental),
    is_experimental: experimental,
    experimental,
    job_loop_enabled: i.jobLoop.enabled,
    job_loop: i.jobLoop,
    job_payload_present: i.jobPayloadPresent,
    job_result_written: i.jobResultPath !== null && i.jobLoop.completed,
    job_result_path: i.jobResultPath,
    job_result_path_posix: i.jobResultPath === null ? null : i.jobResultPath.replace(/\\/g, '/'),
    total_steps: st.steps.length,
    success_count: st.success_count,
    fail_count: st.fail_count,
    denied_count: st.denied_count,
    fatal_error_count: st.fatal_error_count,
    stopped_count: st.stopped_count,
    skipped_count: i.skippedSteps.length,
    final_done: st.final_done,
    final_phase_result: st.final_phase_result,
    execution_summary: earlyExit ? {} : { ...st.execution },
    stop_on_deny: i.settings.stopOnDeny,
    end_reason: endReasonOf({
      phaseState: i.phaseState,
      latest: st.latest,
      jobLoop: i.jobLoop,
      maxSteps: i.settings.maxSteps,
    }),
    denied_steps: [...st.denied_steps],
    fatal_error_steps: [...st.fatal_error_steps],
    stopped_steps: [...st.stopped_steps],
    skipped_steps: [...i.skippedSteps],
    steps: [...st.steps],
  };
};
