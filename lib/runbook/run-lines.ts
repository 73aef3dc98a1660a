// What the launcher prints after a run (cc_run.ps1 run mode), from the files the run left behind. The
// run's status is decided with the launcher's priority fatal_error > deny > stopped: a phase of
// fatal_error or deny wins over a stopped latest step, and stopped wins over every other phase.
import type { PhaseState } from './codecs.js';
import type { RunStatus } from './report-codecs.js';
import { lastPhaseOf } from './end-reason.js';
import { psText, psTruthy } from './run-summary.js';
import type { LatestStep } from './steps-projection.js';
import type { PhaseSummary } from './summary-codecs.js';

export interface RunFacts {
  readonly phaseState: PhaseState | null;
  readonly latest: LatestStep | null;
  /** Names of the step log files, in any order. */
  readonly stepFiles: readonly string[];
  /** The summary of this root (derived from the step logs, whether or not it is on disk). */
  readonly summary: PhaseSummary;
  /** logs/phase_summary.json exists on disk. */
  readonly phaseSummaryExists: boolean;
}

const PLAIN: Readonly<Record<string, RunStatus>> = {
  job_loop_complete: 'job_loop_complete',
  done: 'done',
  max_steps_reached: 'max_steps_reached',
  execute: 'execute',
};

/** Pure: the run's status, first match wins: fatal_error, deny, stopped, then the phase itself. */
export const runStatusOf = (f: Pick<RunFacts, 'phaseState' | 'latest'>): RunStatus => {
  const phase = lastPhaseOf(f);
  if (phase === 'fatal_error') return 'fatal_error';
  if (phase === 'deny') return 'deny';
  if (f.latest?.stopped === true) return 'stopped';
  if (phase === null) return 'no_run';
  return PLAIN[phase] ?? 'other';
};

const phaseStateLine = (f: RunFacts): string => {
  const p = f.phaseState;
  if (p === null) return 'phase_state none';
  const phase = psText(p.current_phase);
  const shown = f.summary.is_experimental ? `${phase} (experimental)` : phase;
  return `phase_state phase=${shown} step=${psText(p.current_step)} done=${psText(p.last_done)}`;
};

const statusLines = (f: RunFacts, status: RunStatus): string[] => {
  const reason = psText(f.summary.end_reason);
  if (status === 'fatal_error') return [`fatal_error ${reason}`];
  if (status === 'deny') return [`deny ${reason}`];
  if (lastPhaseOf(f) !== 'job_loop_complete') return [];
  const index = f.phaseState?.job_index;
  return [`job_loop_complete ${reason}`, ...(psTruthy(index) ? [`job_index ${psText(index)}`] : [])];
};

const stoppedLines = (f: RunFacts): string[] =>
  f.latest?.stopped === true
    ? [`stopped phase=${psText(f.latest.phase)} step=${psText(f.latest.step_num)}`]
    : [];

const latestLine = (names: readonly string[]): string => {
  if (names.length === 0) return 'latest_step none';
  const latest = [...names].sort().at(-1) ?? '';
  return `latest_step ${latest} total=${names.length}`;
};

const summaryLines = (f: RunFacts): string[] => {
  if (!f.phaseSummaryExists) return ['phase_summary none'];
  const s = f.summary;
  return [
    `phase_summary exists stop_on_deny=${psText(s.stop_on_deny)}`,
    ...(psTruthy(s.end_reason) ? [`end_reason ${psText(s.end_reason)}`] : []),
  ];
};

/** Pure: the launcher's run-mode lines, in its order. */
export const runModeLines = (f: RunFacts): string[] => {
  const status = runStatusOf(f);
  return [
    phaseStateLine(f),
    ...statusLines(f, status),
    ...stoppedLines(f),
    latestLine(f.stepFiles),
    ...summaryLines(f),
  ];
};
