// POST /ops/control on the sprite service: the intent runs through local-control.ts exactly as
// `opsfold loop control` runs it (once per idempotency key), and the answer is its ledger entry.
import * as E from 'fp-ts/lib/Either.js';
import { join } from 'node:path';
import { parseJson } from '../../../lib/core/codec.js';
import { writeJsonAtomic } from '../../../lib/io/atomic.js';
import { LockConflict } from '../../../lib/io/lock.js';
import { completedKeys, type LedgerState, type StoredOutcome } from '../../../lib/loop/idempotency.js';
import { controlBodyOf } from '../../../lib/loop/service-request.js';
import { controlHttpStatus, serviceError } from '../../../lib/loop/service-routes.js';
import { CliError } from '../../cli/errors.js';
import type { LoopPaths } from '../../cli/loop-paths.js';
import { clockOf } from '../../cli/run-clock.js';
import { runLocalControl, type ControlRun } from './local-control.js';
import { generatedKey, traceIdOf } from './request.js';
import { fromError, pathsOf, type Answer, type HandlerContext } from './server-handlers.js';

const responseOf = (stored: StoredOutcome, traceId: string, replayed: boolean) => {
  const fromEntry = stored.entry['traceId'];
  return {
    ok: stored.exitCode === 0,
    exitCode: stored.exitCode,
    result: stored.entry,
    replayed,
    ...(traceId !== '' ? { traceId } : typeof fromEntry === 'string' ? { traceId: fromEntry } : {}),
  };
};

// The reference's `service-idempotency.json` (key → stored response), kept as a view of the ledger.
const writeIdempotencyView = (p: LoopPaths) => async (s: LedgerState) => {
  const view = Object.fromEntries(completedKeys(s).map(([k, o]) => [k, responseOf(o, '', false)]));
  await writeJsonAtomic(join(p.managerDir, 'service-idempotency.json'), view);
};

const answerOf = (run: ControlRun, traceId: string): Answer => {
  const stored = { status: run.status, exitCode: run.exitCode, entry: { ...run.entry } };
  if (run.replayed) return { status: 200, body: responseOf(stored, '', true) };
  const body = {
    ...responseOf(stored, traceId, false),
    ...(run.errorLine === null ? {} : { stderr: `error: ${run.errorLine}` }),
  };
  return { status: controlHttpStatus(run.exitCode, run.status), body };
};

/** POST /ops/control: runs the intent locally (once per idempotency key) and answers its entry. */
export const controlAnswer = async (
  c: HandlerContext,
  raw: string,
  h: { key: string; trace: string },
): Promise<Answer> => {
  const parsed = parseJson(raw === '' ? '{}' : raw);
  if (E.isLeft(parsed))
    return fromError(serviceError(400, 'invalid_json', 'request body must be valid JSON'));
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
  };
  try {
    return answerOf(await runLocalControl(p, request, deps), traceId);
  } catch (err) {
    if (err instanceof LockConflict)
      return fromError(
        serviceError(503, 'loop_locked', `another control of loop ${b.loopId} is running; retry`),
      );
    return fromError(
      serviceError(500, 'runtime_error', err instanceof CliError ? err.errorLine : String(err)),
    );
  }
};
