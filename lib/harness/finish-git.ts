// git_evidence per task mode (seed 004 §6.3): what proves the change a task of that mode claims.
import { matchesAny } from './glob.js';
import { check, taskOfCommit, type Check, type FinishInput } from './finish-facts.js';

const HOOK_GLOBS = ['.claude/hooks/**', '**/settings.json', 'settings.json'];
const DENY = new Set(['DENY', 'HOLD']);

const changedFiles = (i: FinishInput): string[] => [
  ...(i.git?.diffFiles ?? []),
  ...(i.evidence.changed_files ?? []),
];

const code = (i: FinishInput): Check => {
  if (i.git === null) return check('WARN', 'no_repo');
  if (i.git.diffFiles.length === 0 || i.git.commits.length === 0) return check('FAIL', 'no_change');
  const authors = i.evidence.commit_authors;
  const listed = (c: { author: string; email: string }) =>
    authors !== undefined && (authors.includes(c.author) || authors.includes(c.email));
  if (authors !== undefined && !i.git.commits.every(listed)) return check('FAIL', 'unaudited_author');
  if (authors !== undefined) return check('PASS', 'change_and_author_audit');
  const tagged = i.git.commits.every((c) => taskOfCommit(c.message) === i.taskId);
  return tagged ? check('PASS', 'change_and_task_prefix') : check('WARN', 'author_audit_missing');
};

const systemHook = (i: FinishInput): Check => {
  if (!changedFiles(i).some((f) => matchesAny(f, HOOK_GLOBS)))
    return check('FAIL', 'no_hook_or_settings_change');
  const missing: string[] = [];
  if ((i.evidence.wiring_trace ?? []).length === 0) missing.push('wiring_trace_missing');
  if (!(i.evidence.smoke?.hook_triggers ?? []).some((h) => DENY.has(h.outcome)))
    missing.push('deny_smoke_missing');
  return missing.length === 0 ? check('PASS', 'hook_change_wired_and_deny_smoke') : check('WARN', ...missing);
};

const localRuntime = (i: FinishInput): Check => {
  if (changedFiles(i).length === 0) return check('FAIL', 'no_local_change');
  if ((i.evidence.wiring_trace ?? []).length === 0) return check('WARN', 'wiring_trace_missing');
  return check('PASS', 'local_change_wired');
};

const readOnly = (i: FinishInput): Check => {
  if (i.git === null) return check('WARN', 'no_repo');
  const external = new Set(i.evidence.external_dirty ?? []);
  const mine = [...i.git.diffFiles, ...i.git.dirtyFiles].filter((f) => !external.has(f));
  return mine.length === 0 ? check('PASS', 'git_diff_zero') : check('FAIL', 'mutation_detected');
};

const callbackOnly = (i: FinishInput): Check => {
  const cb = i.evidence.callback;
  if (cb?.schedule_id === undefined || cb.envelope_sha === undefined)
    return check('FAIL', 'no_callback_registration');
  if (cb.collector_role !== 'ANU') return check('FAIL', 'collector_role_not_anu');
  if (i.envelopeFileSha !== null && i.envelopeFileSha !== cb.envelope_sha)
    return check('FAIL', 'envelope_sha_mismatch');
  return check(
    'PASS',
    i.envelopeFileSha === null ? 'anu_cron_registered' : 'anu_cron_registered_envelope_verified',
  );
};

const closeoutMarkerOnly = (i: FinishInput): Check => {
  if (i.markerDocs.length === 0) return check('FAIL', 'no_markers');
  if (i.markerDocs.some((m) => !m.valid)) return check('FAIL', 'marker_invalid');
  if (i.markerDocs.some((m) => m.chairAuthorizationId === null))
    return check('FAIL', 'chair_authorization_missing');
  return check('PASS', 'marker_valid_with_chair_authorization');
};

/** Pure: git_evidence for the task's mode. */
export const gitEvidenceOf = (i: FinishInput): Check =>
  ({
    code,
    system_hook: systemHook,
    local_runtime: localRuntime,
    read_only: readOnly,
    callback_only: callbackOnly,
    closeout_marker_only: closeoutMarkerOnly,
  })[i.mode](i);
