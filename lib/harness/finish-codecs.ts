// The finish-check evidence file (opsfold's own format, seed 004 §6) and the result it produces.
import * as t from 'io-ts';

export const TaskMode = t.keyof(
  {
    code: null,
    system_hook: null,
    local_runtime: null,
    read_only: null,
    callback_only: null,
    closeout_marker_only: null,
  },
  'TaskMode',
);
export type TaskMode = t.TypeOf<typeof TaskMode>;

export const FinishEvidence = t.partial(
  {
    task_id: t.string,
    task_mode: TaskMode,
    /** code: the globs main..HEAD must stay within. */
    expected_files: t.array(t.string),
    /** system_hook: extra globs allowed beside .claude/ and harness/. */
    allowed_resources: t.array(t.string),
    /** code: authors (name or email) whose commits count as audited. */
    commit_authors: t.array(t.string),
    /** Files changed outside git (local_runtime), relative to the workspace. */
    changed_files: t.array(t.string),
    /** Lines proving the change is wired in (settings.json hook entry, wrapper config …). */
    wiring_trace: t.array(t.string),
    smoke: t.partial({
      restart: t.boolean,
      checks: t.array(t.type({ name: t.string, ok: t.boolean })),
      hook_triggers: t.array(t.type({ hook: t.string, outcome: t.string, trace: t.string })),
    }),
    callback: t.partial({
      schedule_id: t.string,
      collector_role: t.string,
      envelope_sha: t.string,
      envelope_file: t.string,
    }),
    /** closeout_marker_only: the marker JSON files written (paths relative to the evidence file). */
    markers: t.array(t.string),
    /** Files known to be dirty through others (e.g. `<task>.external-dirty-blocker.json`). */
    external_dirty: t.array(t.string),
  },
  'FinishEvidence',
);
export type FinishEvidence = t.TypeOf<typeof FinishEvidence>;

export const CheckResult = t.keyof(
  { PASS: null, WARN: null, FAIL: null, NOT_APPLICABLE: null, EXTERNAL_DIRTY_BLOCKER: null },
  'CheckResult',
);
export type CheckResult = t.TypeOf<typeof CheckResult>;

const Check = t.type({ result: CheckResult, reasons: t.array(t.string) });

export const FinishProfileResult = t.type(
  {
    task_id: t.string,
    task_mode: TaskMode,
    as_of: t.string,
    git_evidence: Check,
    l1_smoke: Check,
    scope_guard: t.intersection([
      Check,
      t.type({ out_of_scope: t.array(t.string), external_dirty: t.array(t.string) }),
    ]),
    overall: CheckResult,
  },
  'FinishProfileResult',
);
export type FinishProfileResult = t.TypeOf<typeof FinishProfileResult>;
