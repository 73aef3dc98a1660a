// The closed vocabularies of `runbook test` and its --json report: the run's status, the failures
// that fail the test and the warnings that never do.
import * as t from 'io-ts';

const keys = <K extends string>(names: readonly K[], name: string) =>
  t.keyof(Object.fromEntries(names.map((k) => [k, null])) as Record<K, null>, name);

/** The run's status, priority first: fatal_error, deny, stopped, then the phase itself. */
export const RunStatus = keys(
  [
    'fatal_error',
    'deny',
    'stopped',
    'job_loop_complete',
    'done',
    'max_steps_reached',
    'execute',
    'no_run',
    'other',
  ],
  'TosRunStatus',
);
export type RunStatus = t.TypeOf<typeof RunStatus>;

export const TestFailure = keys(
  [
    'phase_state_missing',
    'phase_state_unreadable',
    'phase_deny',
    'phase_fatal_error',
    'no_step_files',
    'step_unreadable',
    'step_stopped',
  ],
  'TestFailure',
);
export type TestFailure = t.TypeOf<typeof TestFailure>;

export const TestWarning = keys(
  [
    'experimental_mode',
    'job_result_missing',
    'job_loop_not_completed',
    'job_index_over_max',
    'job_payload_missing',
    'job_result_not_written',
  ],
  'TestWarning',
);
export type TestWarning = t.TypeOf<typeof TestWarning>;

/** `opsfold runbook test --json`. */
export const TestReport = t.type(
  {
    passed: t.boolean,
    status: RunStatus,
    failures: t.array(TestFailure),
    warnings: t.array(TestWarning),
    lines: t.array(t.string),
  },
  'TestReport',
);
export type TestReport = t.TypeOf<typeof TestReport>;
