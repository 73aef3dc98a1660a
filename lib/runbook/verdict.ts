// The launcher's test-mode verdict (cc_run.ps1 -Mode test) over a TOS root. Law: the test fails exactly
// when phase_state.json is missing or unreadable, its phase is deny or fatal_error, there is no step
// log, a step log is unreadable, or any step is stopped; job_loop_complete passes. Warnings are
// printed but never change the verdict.
import { decide, type Decision } from '../core/decision.js';
import type { PhaseState, StepLog } from './codecs.js';
import type { RunStatus, TestFailure, TestWarning } from './report-codecs.js';
import { lastPhaseOf } from './end-reason.js';
import { runModeLines, runStatusOf } from './run-lines.js';
import { psText } from './run-summary.js';
import type { LatestStep } from './steps-projection.js';
import type { PhaseSummary } from './summary-codecs.js';

export interface StepFile {
  readonly name: string;
  readonly log: StepLog | null;
  /** Why the file could not be read as a step log (`file:line:byte: reason`), else null. */
  readonly problem: string | null;
}

export interface VerdictInputs {
  readonly phaseState: PhaseState | null;
  readonly phaseStateProblem: string | null;
  readonly stepFiles: readonly StepFile[];
  readonly latest: LatestStep | null;
  readonly summary: PhaseSummary;
  readonly phaseSummaryExists: boolean;
  readonly jobResultExists: boolean;
  readonly asOf: string;
}

export interface Finding<C extends string> {
  readonly code: C;
  readonly line: string;
}

export interface TestVerdict {
  readonly decision: Decision<'passed' | 'failed', TestFailure>;
  readonly status: RunStatus;
  readonly warnings: readonly Finding<TestWarning>[];
  /** Every line the test prints, in order, ending with `test passed` or `test failed`. */
  readonly lines: readonly string[];
}

const phaseFailures = (i: VerdictInputs): Finding<TestFailure>[] => {
  if (i.phaseStateProblem !== null)
    return [
      { code: 'phase_state_unreadable', line: `FAIL phase_state.json unreadable: ${i.phaseStateProblem}` },
    ];
  if (i.phaseState === null)
    return [{ code: 'phase_state_missing', line: 'FAIL phase_state.json not found' }];
  const reason = psText(i.phaseState.last_done_reason);
  if (i.phaseState.current_phase === 'deny')
    return [{ code: 'phase_deny', line: `FAIL phase is deny: ${reason}` }];
  if (i.phaseState.current_phase === 'fatal_error')
    return [{ code: 'phase_fatal_error', line: `FAIL phase is fatal_error: ${reason}` }];
  return [];
};

const stepFailures = (files: readonly StepFile[]): Finding<TestFailure>[] => {
  if (files.length === 0) return [{ code: 'no_step_files', line: 'FAIL no step files found' }];
  return files.flatMap((f): Finding<TestFailure>[] => {
    if (f.problem !== null)
      return [{ code: 'step_unreadable', line: `FAIL step ${f.name} unreadable: ${f.problem}` }];
    if (f.log?.stopped !== true) return [];
    return [{ code: 'step_stopped', line: `FAIL step ${f.name} stopped=true phase=${psText(f.log.phase)}` }];
  });
};

const jobLoopWarnings = (s: PhaseSummary): Finding<TestWarning>[] => {
  const jl = s.job_loop;
  const out: Finding<TestWarning>[] = [];
  if (jl.enabled && !jl.completed)
    out.push({ code: 'job_loop_not_completed', line: 'WARNING: job_loop enabled but not completed' });
  const index = jl.current_job_index;
  if (index !== null && jl.max_jobs !== null && index > jl.max_jobs)
    out.push({
      code: 'job_index_over_max',
      line: `WARNING: job_index (${index}) > max_jobs (${jl.max_jobs})`,
    });
  if (jl.enabled && !s.job_payload_present)
    out.push({ code: 'job_payload_missing', line: 'WARNING: job_payload_present=false' });
  if (jl.completed && !s.job_result_written)
    out.push({ code: 'job_result_not_written', line: 'WARNING: job_result_written=false' });
  return out;
};

const warningsOf = (i: VerdictInputs): Finding<TestWarning>[] => [
  ...(i.summary.is_experimental
    ? [
        {
          code: 'experimental_mode' as const,
          line: 'WARNING: S-5 experimental mode - results may be unstable',
        },
      ]
    : []),
  ...(lastPhaseOf(i) === 'job_loop_complete' && !i.jobResultExists
    ? [{ code: 'job_result_missing' as const, line: 'WARNING: job_result.json not found' }]
    : []),
  ...jobLoopWarnings(i.summary),
];

const infoLines = (i: VerdictInputs): string[] => {
  const jl = i.summary.job_loop;
  return [
    ...(jl.enabled
      ? [
          `job_loop enabled=${psText(jl.enabled)} job_name=${psText(jl.job_name)} job_index=${psText(jl.current_job_index)} max_jobs=${psText(jl.max_jobs)} completed=${psText(jl.completed)}`,
        ]
      : []),
    ...(lastPhaseOf(i) === 'job_loop_complete' && i.jobResultExists ? ['job_result.json exists'] : []),
  ];
};

/** Pure: the test verdict, its warnings and every line the test prints. */
export const testVerdict = (i: VerdictInputs): TestVerdict => {
  const failures = [...phaseFailures(i), ...stepFailures(i.stepFiles)];
  const warnings = warningsOf(i);
  const passed = failures.length === 0;
  const run = runModeLines({ ...i, stepFiles: i.stepFiles.map((f) => f.name) });
  return {
    decision: decide(
      passed ? 'passed' : 'failed',
      failures.map((f) => f.code),
      i.asOf,
    ),
    status: runStatusOf(i),
    warnings,
    lines: [
      ...run,
      ...infoLines(i),
      ...failures.map((f) => f.line),
      ...warnings.map((w) => w.line),
      passed ? 'test passed' : 'test failed',
    ],
  };
};
