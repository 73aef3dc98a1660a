// What the sprite service answers to POST /ops/control, from the run's ledger entry: the reference's
// response shape (ok, exitCode, result, replayed, traceId), its HTTP status, and the reference's
// `service-idempotency.json` (key → stored response), kept as a view of the ledger.
import type { JsonAnswer } from '../io/http-server.js';
import type { ControlRun } from './control-run.js';
import { completedKeys, type LedgerState, type StoredOutcome } from './idempotency.js';
import { fromError } from './service-dispatch.js';
import { controlHttpStatus, serviceError } from './service-routes.js';

/** The response body for a stored outcome; the trace id given, else the entry's own. */
export const controlResponse = (stored: StoredOutcome, traceId: string, replayed: boolean) => {
  const fromEntry = stored.entry['traceId'];
  return {
    ok: stored.exitCode === 0,
    exitCode: stored.exitCode,
    result: stored.entry,
    replayed,
    ...(traceId !== '' ? { traceId } : typeof fromEntry === 'string' ? { traceId: fromEntry } : {}),
  };
};

/** `service-idempotency.json`: every completed key's response, as a replay would answer it. */
export const idempotencyView = (s: LedgerState): Record<string, unknown> =>
  Object.fromEntries(completedKeys(s).map(([k, o]) => [k, controlResponse(o, '', false)]));

/** The answer to a run: a replay is 200 with the stored response, a fresh run its entry's status. */
export const controlAnswerOf = (run: ControlRun, traceId: string): JsonAnswer => {
  const stored = { status: run.status, exitCode: run.exitCode, entry: { ...run.entry } };
  if (run.replayed) return { status: 200, body: controlResponse(stored, '', true) };
  const body = {
    ...controlResponse(stored, traceId, false),
    ...(run.errorLine === null ? {} : { stderr: `error: ${run.errorLine}` }),
  };
  return { status: controlHttpStatus(run.exitCode, run.status), body };
};

/** Another control of the loop holds its lock: retry later. */
export const loopLockedAnswer = (loopId: string): JsonAnswer =>
  fromError(serviceError(503, 'loop_locked', `another control of loop ${loopId} is running; retry`));

/** The run failed before answering. */
export const controlFailedAnswer = (message: string): JsonAnswer =>
  fromError(serviceError(500, 'runtime_error', message));

/** The body is not JSON. */
export const invalidJsonAnswer = (): JsonAnswer =>
  fromError(serviceError(400, 'invalid_json', 'request body must be valid JSON'));
