// What the loop manager's control part adds to the shared tables: projections (for replay and the replay
// laws) and artifact codecs (for contracts/). lib/projections.ts and lib/contracts-registry.ts merge these.
import type * as t from 'io-ts';
import { register, type RegisteredProjection } from '../core/registered-projection.js';
import { ConfirmIntentResult, ControlInvocation, ControlTelemetry, IntentEntry } from './control-codecs.js';
import { decodeLedgerRecord, idempotencyProjection, LedgerRecord } from './idempotency.js';

export const loopControlProjections: Readonly<Record<string, RegisteredProjection>> = {
  [idempotencyProjection.name]: register(
    idempotencyProjection,
    decodeLedgerRecord,
    'opsfold control-idempotency.jsonl: per idempotency key, its intent, started/completed and stored outcome.',
  ),
};

export const loopControlContracts: Readonly<Record<string, t.Mixed>> = {
  'loop-control-intent': IntentEntry,
  'loop-control-telemetry': ControlTelemetry,
  'loop-control-invocation': ControlInvocation,
  'loop-confirm-intent': ConfirmIntentResult,
  'loop-control-idempotency': LedgerRecord,
};
