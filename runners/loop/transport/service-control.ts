// One control intent on the sprite_service transport: POST /ops/control with the intent, actor, note,
// trace id, `noConfirm` and the idempotency key (so the client's own retries are safe), then record
// what the service answered with the reference's rules. The client takes no loop lock: the service
// takes it where the intent runs, and the client only appends its records.
import * as E from 'fp-ts/lib/Either.js';
import { parseJson } from '../../../lib/core/codec.js';
import {
  exitCodeOfStatus,
  serviceFailureOutcome,
  serviceOutcome,
  type ControlOutcome,
} from '../../../lib/loop/control-outcome.js';
import { compact } from '../../../lib/loop/control-records.js';
import { at } from '../../../lib/loop/event-fields.js';
import type { LoopPaths } from '../../cli/loop-paths.js';
import type { Clock, Sleep } from '../../cli/run-clock.js';
import { callService, type ServiceEndpoint } from './http-client.js';
import { contextOf, type ControlRun } from './local-control.js';
import { recordControl } from './records.js';
import type { ControlRequestFields } from './request.js';

export interface ServiceControlDeps {
  readonly clock: Clock;
  readonly sleep: Sleep;
  readonly endpoint: ServiceEndpoint;
}

const bodyOf = (p: LoopPaths, r: ControlRequestFields): string =>
  JSON.stringify(
    compact({
      loopId: p.loopId,
      intent: r.intent,
      by: r.by,
      note: r.note,
      traceId: r.traceId,
      idempotencyKey: r.idempotencyKey,
      noConfirm: !r.doConfirm,
    }),
  );

const outcomeOf = async (
  p: LoopPaths,
  r: ControlRequestFields,
  d: ServiceControlDeps,
): Promise<{ outcome: ControlOutcome; errorLine: string | null }> => {
  const command = `POST ${d.endpoint.baseUrl.replace(/\/+$/, '')}/ops/control`;
  const call = { method: 'POST' as const, path: '/ops/control', body: bodyOf(p, r), traceId: r.traceId };
  const got = await callService(d.endpoint, { ...call, idempotencyKey: r.idempotencyKey }, d.sleep);
  if (E.isRight(got)) {
    const parsed = parseJson(got.right.body);
    if (E.isRight(parsed)) return { outcome: serviceOutcome(command, parsed.right), errorLine: null };
    return {
      outcome: serviceFailureOutcome(command, 1),
      errorLine: 'service /ops/control answer is not JSON',
    };
  }
  // A refusal is answered 422 with the refused entry: record it as the refusal it is.
  const parsed = parseJson(got.left.body);
  if (E.isRight(parsed) && at(parsed.right, 'result', 'status') === 'refused')
    return { outcome: serviceOutcome(command, parsed.right), errorLine: got.left.message };
  return { outcome: serviceFailureOutcome(command, 1), errorLine: got.left.message };
};

/** Sends the intent to the service and records the answer; never throws for a transport failure. */
export const runServiceControl = async (
  p: LoopPaths,
  r: ControlRequestFields,
  d: ServiceControlDeps,
): Promise<ControlRun> => {
  const started = { ms: d.clock.ms(), iso: d.clock.iso() };
  const { outcome, errorLine } = await outcomeOf(p, r, d);
  const ctx = contextOf(p, r, { started, transport: 'sprite_service' }, d.clock);
  const entry = await recordControl(p, ctx, outcome);
  const { status, replayed } = outcome;
  return { entry, status, exitCode: exitCodeOfStatus(status), errorLine, replayed };
};
