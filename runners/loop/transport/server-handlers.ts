// The sprite service's route handlers, each on the same functions the local commands use: the snapshot
// from runners/loop/gather.ts, events from the poll (poll-envelopes.ts), control from local-control.ts.
// Each returns the status and JSON body to send; none throws for a request problem.
import * as E from 'fp-ts/lib/Either.js';
import { join } from 'node:path';
import { parseJson } from '../../../lib/core/codec.js';
import { writeJsonAtomic } from '../../../lib/io/atomic.js';
import { LockConflict } from '../../../lib/io/lock.js';
import { completedKeys, type LedgerState, type StoredOutcome } from '../../../lib/loop/idempotency.js';
import { eventsAnswer } from '../../../lib/loop/service-payload.js';
import { controlBodyOf, eventsQueryOf, loopIdOf, type Query } from '../../../lib/loop/service-request.js';
import { controlHttpStatus, serviceError, type ServiceError } from '../../../lib/loop/service-routes.js';
import { CliError } from '../../cli/errors.js';
import { gatherSnapshot } from '../gather.js';
import { loopPaths, type LoopPaths } from '../../cli/loop-paths.js';
import { requireEvents } from '../require-events.js';
import { clockOf, type Sleep } from '../../cli/run-clock.js';
import type { IntentExecutor } from './executor.js';
import { runLocalControl, type ControlRun } from './local-control.js';
import { pollEnvelopes, pollStartAtLine } from './poll-envelopes.js';
import { generatedKey, traceIdOf } from './request.js';

export interface HandlerContext {
  readonly repo: string;
  readonly stateDir: string | undefined;
  readonly now: () => number;
  readonly sleep: Sleep;
  readonly executorFor: (p: LoopPaths) => IntentExecutor;
  readonly defaultBy: string;
  readonly timeoutSeconds: number;
  readonly intervalSeconds: number;
}

export interface Answer {
  readonly status: number;
  readonly body: unknown;
}

const fromError = (e: ServiceError): Answer => ({ status: e.status, body: e.body });

const runtimeError = (err: unknown, fallback: string): Answer => {
  const text =
    err instanceof CliError
      ? [err.errorLine, ...err.details].join('\n')
      : err instanceof Error
        ? err.message
        : '';
  return fromError(serviceError(502, 'runtime_error', text.split('\n').slice(-40).join('\n') || fallback));
};

const pathsOf = (c: HandlerContext, loopId: string): LoopPaths =>
  loopPaths(c.repo, c.repo, loopId, c.stateDir);

/** GET /ops/snapshot?loopId=L: the loop_run_snapshot envelope (traceId from X-Trace-Id). */
export const snapshotAnswer = async (c: HandlerContext, q: Query, traceId: string): Promise<Answer> => {
  const loopId = loopIdOf(q);
  if (E.isLeft(loopId)) return fromError(loopId.left);
  try {
    const asOf = clockOf(c.now).iso();
    const g = await gatherSnapshot(pathsOf(c, loopId.right), {
      asOf,
      fromStart: false,
      skipCorrupt: false,
      runId: null,
      traceId: traceId === '' ? null : traceId,
    });
    await g.commit();
    return { status: 200, body: g.snapshot };
  } catch (err) {
    return runtimeError(err, 'snapshot command failed');
  }
};

/** GET /ops/events?loopId=L&cursor=N&maxEvents=M: envelopes after line N and the cursor after them. */
export const eventsAnswerOf = async (c: HandlerContext, q: Query, traceId: string): Promise<Answer> => {
  const query = eventsQueryOf(q);
  if (E.isLeft(query)) return fromError(query.left);
  const { loopId, cursor, maxEvents } = query.right;
  try {
    const p = pathsOf(c, loopId);
    requireEvents(p);
    const asOf = clockOf(c.now).iso();
    const start = await pollStartAtLine(p.events, cursor);
    const opts = { maxEvents, traceId: traceId === '' ? null : traceId, asOf, skipCorrupt: false };
    const polled = await pollEnvelopes(p, start, opts);
    const body = eventsAnswer({
      repoPath: p.repo,
      loopId,
      traceId,
      events: polled.events,
      eventLineOffset: polled.cursor.lines,
      eventLineCount: polled.totalLines,
      updatedAt: asOf,
    });
    return { status: 200, body };
  } catch (err) {
    return runtimeError(err, 'event poll command failed');
  }
};

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
