// The scope guard (seed 004 §6.3, §6.4): base..HEAD must stay within the mode's allowed globs.
// Law: a file outside the scope is a FAIL only when the task made it (a commit of base..HEAD not
// attributed to another task, or a file the evidence says the task changed); files changed only by
// other tasks' commits, uncommitted dirt (except for read_only tasks, which must leave none) or files
// listed as external dirt are EXTERNAL_DIRTY_BLOCKER.
import { matchesAny } from './glob.js';
import { check, taskOfCommit, type Check, type FinishInput } from './finish-facts.js';
import type { TaskMode } from './finish-codecs.js';

export interface ScopeCheck extends Check {
  readonly out_of_scope: readonly string[];
  readonly external_dirty: readonly string[];
}

const allowedOf = (mode: TaskMode, i: FinishInput): readonly string[] | null => {
  switch (mode) {
    case 'code':
      return i.evidence.expected_files ?? [];
    case 'system_hook':
      return ['.claude/**', 'harness/**', ...(i.evidence.allowed_resources ?? [])];
    case 'read_only':
      return [];
    case 'closeout_marker_only':
      return ['memory/events/**', 'memory/reports/**'];
    default:
      return null;
  }
};

const madeByTask = (i: FinishInput, external: ReadonlySet<string>): Set<string> => {
  const commits = i.git?.commits ?? [];
  const owned = commits.filter((c) => [null, i.taskId].includes(taskOfCommit(c.message)));
  // A read_only task must leave no dirt: uncommitted changes count as its own unless declared external.
  const dirt = i.mode === 'read_only' ? (i.git?.dirtyFiles ?? []).filter((f) => !external.has(f)) : [];
  return new Set([...(i.evidence.changed_files ?? []), ...owned.flatMap((c) => c.files), ...dirt]);
};

const sorted = (xs: Iterable<string>): string[] => [...new Set(xs)].sort();

const earlyResult = (i: FinishInput, allowed: readonly string[] | null): Check | null => {
  if (allowed === null) return check('NOT_APPLICABLE', 'no_scope_rule_for_mode');
  if (i.git === null && (i.evidence.changed_files ?? []).length === 0) return check('WARN', 'no_repo');
  if (i.mode === 'code' && allowed.length === 0) return check('WARN', 'expected_files_missing');
  return null;
};

/** Pure: the scope guard for the task's mode. */
export const scopeGuardOf = (i: FinishInput): ScopeCheck => {
  const allowed = allowedOf(i.mode, i);
  const none = { out_of_scope: [], external_dirty: [] };
  const early = earlyResult(i, allowed);
  if (early !== null || allowed === null) return { ...(early ?? check('NOT_APPLICABLE')), ...none };
  const external = new Set(i.evidence.external_dirty ?? []);
  const mine = madeByTask(i, external);
  const touched = sorted([...(i.git?.diffFiles ?? []), ...(i.git?.dirtyFiles ?? []), ...mine, ...external]);
  const outside = touched.filter((f) => !matchesAny(f, allowed));
  const failing = outside.filter((f) => mine.has(f));
  const blocking = outside.filter((f) => !mine.has(f));
  const lists = { out_of_scope: failing, external_dirty: blocking };
  if (failing.length > 0) return { ...check('FAIL', 'task_changed_outside_scope'), ...lists };
  if (blocking.length > 0)
    return { ...check('EXTERNAL_DIRTY_BLOCKER', 'external_changes_outside_scope'), ...lists };
  return { ...check('PASS', i.mode === 'read_only' ? 'diff_zero' : 'within_scope'), ...lists };
};
