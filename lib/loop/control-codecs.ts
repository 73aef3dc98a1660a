// The control records as io-ts codecs, for contracts/ (JSON Schema) and for readers of these files
// (status, telemetry summary). Keys follow the reference control script; opsfold's additions are
// optional (`replayed`, and `reasonCode` on a refused entry).
import * as t from 'io-ts';
import { nullable } from '../core/codec.js';

const Intent = t.keyof({ cancel: null, approve: null, reject: null }, 'ControlIntent');
const Transport = t.keyof({ local: null, sprite_service: null }, 'ControlTransport');

/** What `loop confirm-intent` prints, and an intent entry's `confirm`. */
export const ConfirmIntentResult = t.type(
  {
    intent: Intent,
    confirmed: t.boolean,
    reason: t.keyof({
      inactive_not_running: null,
      completion_observed: null,
      rejection_observed: null,
      timeout: null,
    }),
    attempts: t.number,
    timeoutSeconds: t.number,
    observedStatus: t.string,
    observedLastEvent: nullable(t.string),
    observedApprovalStatus: nullable(t.string),
    observedActive: t.boolean,
    observedAt: t.string,
  },
  'ConfirmIntentResult',
);

/** One line of `.superloop/ops-manager/<loop>/intents.jsonl` (also what `loop control` prints). */
export const IntentEntry = t.intersection(
  [
    t.type({
      timestamp: t.string,
      loopId: t.string,
      intent: Intent,
      requestedBy: t.string,
      transport: Transport,
      status: t.string,
      command: t.string,
      exitCode: t.number,
      confirmExitCode: t.number,
      confirmed: t.boolean,
    }),
    t.partial({
      traceId: t.string,
      note: t.string,
      idempotencyKey: t.string,
      commandOutput: t.string,
      confirm: t.unknown,
      reasonCode: t.string,
      replayed: t.boolean,
    }),
  ],
  'IntentEntry',
);

/** One line of `.superloop/ops-manager/<loop>/telemetry/control.jsonl`. */
export const ControlTelemetry = t.intersection(
  [
    t.type({
      timestamp: t.string,
      startedAt: t.string,
      loopId: t.string,
      intent: Intent,
      transport: Transport,
      status: t.string,
      requestedBy: t.string,
      exitCode: t.number,
      confirmExitCode: t.number,
      confirmed: t.boolean,
      durationSeconds: t.number,
      retryAttempts: t.number,
      retryBackoffSeconds: t.number,
    }),
    t.partial({ traceId: t.string, reasonCode: t.string, idempotencyKey: t.string }),
  ],
  'ControlTelemetry',
);

/** One line of `.superloop/ops-manager/<loop>/telemetry/control-invocations.jsonl`. */
export const ControlInvocation = t.intersection(
  [
    t.type({
      schemaVersion: t.literal('v1'),
      timestamp: t.string,
      startedAt: t.string,
      loopId: t.string,
      intent: Intent,
      transport: Transport,
      requestedBy: t.string,
      request: t.type({
        doConfirm: t.boolean,
        timeoutSeconds: t.number,
        intervalSeconds: t.number,
        retryAttempts: t.number,
        retryBackoffSeconds: t.number,
      }),
      execution: t.intersection([
        t.type({ status: t.string, exitCode: t.number, command: t.string, replayed: t.boolean }),
        t.partial({ output: t.string }),
      ]),
      confirmation: t.intersection([
        t.type({ attempted: t.boolean, status: t.string, exitCode: t.number }),
        t.partial({ outcome: t.unknown }),
      ]),
      outcome: t.intersection([
        t.type({ status: t.string, confirmed: t.boolean, durationSeconds: t.number }),
        t.partial({ reasonCode: t.string }),
      ]),
    }),
    t.partial({ traceId: t.string, note: t.string, idempotencyKey: t.string }),
  ],
  'ControlInvocation',
);
