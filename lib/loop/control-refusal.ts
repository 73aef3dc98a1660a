// Why a control intent is not run, pure: its idempotency key was used for another intent or never
// finished, or the lifecycle does not admit it. Each refusal is the outcome to record and the
// `error:` line the runner prints; null means the intent may run.
import type { Decision } from '../core/decision.js';
import { inFlightOutcome, refusedOutcome, type ControlOutcome } from './control-outcome.js';
import type { KeyDecision } from './idempotency.js';
import type { Admission } from './intent-admission.js';

export interface Refusal {
  readonly outcome: ControlOutcome;
  readonly errorLine: string;
}

/** Pure: the refusal a conflicting or in-flight idempotency key calls for (null otherwise). */
export const keyRefusal = (
  key: KeyDecision,
  r: { readonly idempotencyKey: string; readonly intent: string },
  command: string,
): Refusal | null => {
  if (key.kind === 'conflict') {
    const why = `idempotency key ${r.idempotencyKey} was used for ${key.storedIntent}, not ${r.intent}`;
    const outcome = refusedOutcome(command, 'idempotency_key_conflict', why);
    return { outcome, errorLine: `intent refused (idempotency_key_conflict): ${why}` };
  }
  if (key.kind === 'in_flight') {
    const why = `a run with idempotency key ${r.idempotencyKey} started at ${key.startedAt} and never finished; it is not run again`;
    return { outcome: inFlightOutcome(command, why), errorLine: `intent outcome unknown: ${why}` };
  }
  return null;
};

/** Pure: the refusal a lifecycle that does not admit the intent calls for (null when admitted). */
export const admissionRefusal = (admission: Decision<Admission, string>, command: string): Refusal | null => {
  const [code] = admission.reasons;
  if (admission.value.admitted || code === undefined) return null;
  const outcome = refusedOutcome(command, code, admission.value.message);
  return { outcome, errorLine: `intent refused (${code}): ${admission.value.message}` };
};
