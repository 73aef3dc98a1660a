// The launcher's SummaryFile (cc_run.ps1 Save-Summary): a JSON document and a one-line TXT beside it.
// The TXT keeps the launcher's token order: phase step done latest_step step_count phase_summary
// job_result job_loop [job_name] [job_index] [max_jobs] job_payload job_result_written job_payload_size
// [end_reason] [job_result_path], the bracketed ones only when PowerShell would find them truthy, and
// job_result_path always last. Values print as PowerShell interpolates them (True/False, null empty).
import type { PhaseState } from './codecs.js';
import type { JobLoopSummary, LastRunSummary, PhaseSummary } from './summary-codecs.js';

export interface JobInputFacts {
  readonly exists: boolean;
  /** Size of job_input.json in bytes (Get-Item Length). */
  readonly bytes: number;
  /** The payload as a step log stores it (at most 2,000 characters plus the mark), or null. */
  readonly stored: string | null;
}

export interface RunSummaryInputs {
  readonly phaseState: PhaseState | null;
  /** Names of the step log files, in any order. */
  readonly stepFiles: readonly string[];
  /** The phase_summary.json in place, or null when there is none. */
  readonly phaseSummary: PhaseSummary | null;
  readonly jobResultPath: string | null;
  readonly jobInput: JobInputFacts;
}

/** A value PowerShell interpolates: what the TOS documents hold in their scalar fields. */
type Scalar = string | number | boolean | null | undefined;

/** Pure: PowerShell's truthiness of a scalar (`if ($x)`). */
export const psTruthy = (v: Scalar): boolean =>
  v !== null && v !== undefined && v !== '' && v !== 0 && v !== false;

/** Pure: a scalar as PowerShell interpolates it into a string. */
export const psText = (v: Scalar): string => {
  if (v === null || v === undefined) return '';
  if (typeof v === 'boolean') return v ? 'True' : 'False';
  return String(v);
};

const latestOf = (names: readonly string[]): string | null =>
  names.length === 0 ? null : ([...names].sort((a, b) => (a < b ? 1 : a > b ? -1 : 0))[0] ?? null);

const storedIndex = (p: PhaseState | null): number | null =>
  psTruthy(p?.job_index) ? (p?.job_index ?? null) : null;

const jobLoopOf = (i: RunSummaryInputs): JobLoopSummary =>
  i.phaseSummary?.job_loop ?? {
    enabled: false,
    max_jobs: null,
    job_name: null,
    current_job_index: storedIndex(i.phaseState),
    completed: false,
  };

/** Pure: the SummaryFile JSON. */
export const lastRunSummary = (i: RunSummaryInputs): LastRunSummary => {
  const endReason = i.phaseSummary?.end_reason;
  return {
    phase: i.phaseState?.current_phase ?? null,
    step: i.phaseState?.current_step ?? null,
    done: i.phaseState?.last_done ?? null,
    latest_step: latestOf(i.stepFiles),
    step_count: i.stepFiles.length,
    phase_summary_exists: i.phaseSummary !== null,
    job_result_exists: i.jobResultPath !== null,
    job_result_written: i.jobResultPath !== null,
    job_payload_present: i.jobInput.exists,
    job_payload_size: i.jobInput.bytes,
    job_payload: i.jobInput.stored,
    job_loop: jobLoopOf(i),
    end_reason: psTruthy(endReason) ? (endReason ?? null) : null,
    ...(i.jobResultPath === null ? {} : { job_result_path: i.jobResultPath }),
  };
};

const optional = (name: string, v: Scalar): string => (psTruthy(v) ? ` ${name}=${psText(v)}` : '');

/** Pure: the one-line TXT (without its newline) for a SummaryFile JSON. */
export const summaryLine = (s: LastRunSummary, storedJobIndex: number | null = null): string => {
  const jl = s.job_loop;
  const jobIndex = psTruthy(jl.current_job_index) ? jl.current_job_index : storedJobIndex;
  return [
    `phase=${psText(s.phase)} step=${psText(s.step)} done=${psText(s.done)}`,
    ` latest_step=${psText(s.latest_step)} step_count=${s.step_count}`,
    ` phase_summary=${s.phase_summary_exists ? 'exists' : 'none'}`,
    ` job_result=${s.job_result_exists ? 'exists' : 'none'}`,
    ` job_loop=${jl.enabled ? 'enabled' : 'disabled'}`,
    optional('job_name', jl.job_name),
    optional('job_index', jobIndex),
    optional('max_jobs', jl.max_jobs),
    ` job_payload=${s.job_payload_present ? 'present' : 'none'}`,
    ` job_result_written=${s.job_result_written ? 'true' : 'false'}`,
    ` job_payload_size=${s.job_payload_size}`,
    optional('end_reason', s.end_reason),
    s.job_result_path === undefined ? '' : ` job_result_path=${s.job_result_path}`,
  ].join('');
};
