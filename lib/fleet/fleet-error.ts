// Why a fleet step could not decide (a document that must exist is missing, one that must parse does
// not): printed by the CLI as its `error:` line and details, exit 1.
import { StepError } from '../core/step-error.js';

export class FleetError extends StepError {
  override readonly name = 'FleetError';
}
