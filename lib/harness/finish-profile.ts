// Layer 5: the finish-task profile of one task (seed 004 §6): git_evidence, L1 smoke and scope guard
// judged by the rules of the task's own mode, never by the code-task rules. Law: the overall result is
// the worst of the three (FAIL > EXTERNAL_DIRTY_BLOCKER > WARN > PASS), NOT_APPLICABLE never lowers it.
import type { FinishProfileResult } from './finish-codecs.js';
import { worst, type FinishInput } from './finish-facts.js';
import { gitEvidenceOf } from './finish-git.js';
import { scopeGuardOf } from './finish-scope.js';
import { l1SmokeOf } from './finish-smoke.js';

/** Pure: the profile result for the task at asOf. */
export const finishProfileOf = (i: FinishInput, asOf: string): FinishProfileResult => {
  const git = gitEvidenceOf(i);
  const smoke = l1SmokeOf(i);
  const scope = scopeGuardOf(i);
  return {
    task_id: i.taskId,
    task_mode: i.mode,
    as_of: asOf,
    git_evidence: { result: git.result, reasons: [...git.reasons] },
    l1_smoke: { result: smoke.result, reasons: [...smoke.reasons] },
    scope_guard: {
      result: scope.result,
      reasons: [...scope.reasons],
      out_of_scope: [...scope.out_of_scope],
      external_dirty: [...scope.external_dirty],
    },
    overall: worst([git, smoke, scope]).result,
  };
};
