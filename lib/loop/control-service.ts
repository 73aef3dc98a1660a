// One control intent on the sprite_service transport over its ports: POST /ops/control with the
// intent, actor, note, trace id, `noConfirm` and the idempotency key (so the client's own retries are
// safe), then record what the service answered with the reference's rules. The client takes no loop
// lock: the service takes it where the intent runs, and the client only appends its records.
import * as E from 'fp-ts/lib/Either.js';
import { parseJson } from '../core/codec.js';
import type { ControlRequestFields } from './control-context.js';
import { serviceFailureOutcome, serviceOutcome, type ControlOutcome } from './control-outcome.js';
import type { ControlRecordPorts } from './control-ports.js';
import { compact } from './control-records.js';
import { finishControl, type ControlRun } from './control-run.js';
import { readView } from './lenient.js';
import { ServiceControlView } from './service-views.js';
import { redactUrl } from './service-call.js';

export interface ServiceControlPorts extends ControlRecordPorts {
  readonly baseUrl: string;
  /** POSTs `body` to /ops/control (retrying transient failures); Left when no 2xx answer came. */
  readonly post: (
    body: string,
  ) => Promise<E.Either<{ readonly message: string; readonly body: string }, { readonly body: string }>>;
}

const bodyOf = (loopId: string, r: ControlRequestFields): string =>
  JSON.stringify(
    compact({
      loopId,
      intent: r.intent,
      by: r.by,
      note: r.note,
      traceId: r.traceId,
      idempotencyKey: r.idempotencyKey,
      noConfirm: !r.doConfirm,
    }),
  );

const outcomeOf = async (
  loopId: string,
  r: ControlRequestFields,
  ports: ServiceControlPorts,
): Promise<{ outcome: ControlOutcome; errorLine: string | null }> => {
  const command = `POST ${redactUrl(ports.baseUrl.replace(/\/+$/, ''))}/ops/control`;
  const got = await ports.post(bodyOf(loopId, r));
  if (E.isRight(got)) {
    const parsed = parseJson(got.right.body);
    if (E.isRight(parsed))
      return {
        outcome: serviceOutcome(command, readView(ServiceControlView, parsed.right)),
        errorLine: null,
      };
    return {
      outcome: serviceFailureOutcome(command, 1),
      errorLine: 'service /ops/control answer is not JSON',
    };
  }
  // A refusal is answered 422 with the refused entry: record it as the refusal it is.
  const parsed = parseJson(got.left.body);
  const answer = E.isRight(parsed) ? readView(ServiceControlView, parsed.right) : null;
  if (answer?.status === 'refused')
    return { outcome: serviceOutcome(command, answer), errorLine: got.left.message };
  return { outcome: serviceFailureOutcome(command, 1), errorLine: got.left.message };
};

/** Sends the intent to the service and records the answer; never throws for a transport failure. */
export const runServiceControl = async (
  loopId: string,
  r: ControlRequestFields,
  ports: ServiceControlPorts,
): Promise<ControlRun> => {
  const started = { ms: ports.clock.ms(), iso: ports.clock.iso() };
  const o = await outcomeOf(loopId, r, ports);
  return finishControl(ports, { loopId, request: r, started, transport: 'sprite_service' }, o);
};
