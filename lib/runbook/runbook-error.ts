// Why a runbook step could not go on (an unreadable config, a dirty tree, a failing git): printed by the
// CLI as its `error:` line and details, exit 1 (64 when it is a usage problem).
import { StepError } from '../core/step-error.js';

export class RunbookError extends StepError {
  override readonly name = 'RunbookError';
}
