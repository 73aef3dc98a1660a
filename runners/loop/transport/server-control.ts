// POST /ops/control on the sprite service: the intent runs through local-control.ts exactly as
// `opsfold loop control` runs it (once per idempotency key), and the answer is its ledger entry.
import * as E from 'fp-ts/lib/Either.js';
import { join } from 'node:path';
import { parseJson } from '../../../lib/core/codec.js';
import { loopRoots, writeArtifact } from '../../cli/artifacts.js';
import { LockConflict } from '../../../lib/io/lock.js';
import type { JsonAnswer } from '../../../lib/io/http-server.js';
import type { LedgerState } from '../../../lib/loop/idempotency.js';
import {
  controlAnswerOf,
  controlFailedAnswer,
  idempotencyView,
  invalidJsonAnswer,
  loopLockedAnswer,
} from '../../../lib/loop/service-control-answer.js';
import { fromError, type ControlHeaders } from '../../../lib/loop/service-dispatch.js';
import { controlBodyOf } from '../../../lib/loop/service-request.js';
import { CliError } from '../../cli/errors.js';
import type { LoopPaths } from '../../cli/loop-paths.js';
import { clockOf } from '../../cli/run-clock.js';
import { runLocalControl } from './local-control.js';
import { generatedKey, traceIdOf } from './request.js';
import { pathsOf, type HandlerContext } from './server-handlers.js';

// The reference's `service-idempotency.json` (key → stored response), kept as a view of the ledger.
const writeIdempotencyView = (p: LoopPaths) => async (s: LedgerState) => {
  await writeArtifact(loopRoots(p), join(p.managerDir, 'service-idempotency.json'), idempotencyView(s));
};

/** POST /ops/control: runs the intent locally (once per idempotency key) and answers its entry. */
export const controlAnswer = async (
  c: HandlerContext,
  raw: string,
  h: ControlHeaders,
): Promise<JsonAnswer> => {
  const parsed = parseJson(raw === '' ? '{}' : raw);
  if (E.isLeft(parsed)) return invalidJsonAnswer();
  const body = controlBodyOf(parsed.right, {
    idempotencyKey: h.key,
    traceId: h.trace,
    defaultBy: c.defaultBy,
  });
  if (E.isLeft(body)) return fromError(body.left);
  const b = body.right;
  const clock = clockOf(c.now);
  const p = pathsOf(c, b.loopId);
  const traceId = traceIdOf(b.traceId, {});
  const request = {
    intent: b.intent,
    by: b.by,
    note: b.note,
    idempotencyKey: b.idempotencyKey === '' ? generatedKey(b.intent, clock.ms()) : b.idempotencyKey,
    traceId,
    doConfirm: !b.noConfirm,
    timeoutSeconds: c.timeoutSeconds,
    intervalSeconds: c.intervalSeconds,
    retryAttempts: 3,
    retryBackoffSeconds: 1,
  };
  const deps = {
    clock,
    sleep: c.sleep,
    executor: c.executorFor(p),
    recordReplays: false,
    onLedger: writeIdempotencyView(p),
    ...(c.confirmScript === undefined ? {} : { confirmScript: c.confirmScript }),
  };
  try {
    return controlAnswerOf(await runLocalControl(p, request, deps), traceId);
  } catch (err) {
    if (err instanceof LockConflict) return loopLockedAnswer(b.loopId);
    return controlFailedAnswer(err instanceof CliError ? err.errorLine : String(err));
  }
};
