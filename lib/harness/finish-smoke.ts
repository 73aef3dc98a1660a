// L1 smoke per task mode (seed 004 §6.3): a code task restarts its server and passes API/Playwright
// checks; a system_hook task shows its hook actually firing with DENY/HOLD; read_only, callback_only
// and closeout_marker_only have no smoke (NOT_APPLICABLE, never a WARN).
import { check, type Check, type FinishInput } from './finish-facts.js';

const restartAndChecks = (i: FinishInput): Check => {
  const s = i.evidence.smoke;
  const checks = s?.checks ?? [];
  if (checks.some((c) => !c.ok)) return check('FAIL', 'smoke_check_failed');
  if (s?.restart !== true) return check('FAIL', 'restart_missing');
  if (checks.length === 0) return check('FAIL', 'smoke_checks_missing');
  return check('PASS', 'restart_and_smoke_ok');
};

const hookTrigger = (i: FinishInput): Check => {
  const triggers = i.evidence.smoke?.hook_triggers ?? [];
  if (triggers.length === 0) return check('FAIL', 'hook_trigger_trace_missing');
  const fired = triggers.some((h) => (h.outcome === 'DENY' || h.outcome === 'HOLD') && h.trace !== '');
  return fired ? check('PASS', 'hook_deny_hold_trace') : check('FAIL', 'hook_never_denied_or_held');
};

/** Pure: L1 smoke for the task's mode. */
export const l1SmokeOf = (i: FinishInput): Check => {
  switch (i.mode) {
    case 'code':
    case 'local_runtime':
      return restartAndChecks(i);
    case 'system_hook':
      return hookTrigger(i);
    default:
      return check('NOT_APPLICABLE', 'no_smoke_rule_for_mode');
  }
};
