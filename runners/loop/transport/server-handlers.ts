// The sprite service's read route handlers, each on the same functions the local commands use: the
// snapshot from runners/loop/gather.ts, events from the poll (poll-envelopes.ts); control is in
// server-control.ts.
// Each returns the status and JSON body to send; none throws for a request problem.
import * as E from 'fp-ts/lib/Either.js';
import { eventsAnswer } from '../../../lib/loop/service-payload.js';
import { eventsQueryOf, loopIdOf, type Query } from '../../../lib/loop/service-request.js';
import { serviceError } from '../../../lib/loop/service-routes.js';
import { fromError } from '../../../lib/loop/service-dispatch.js';
import type { JsonAnswer as Answer } from '../../../lib/io/http-server.js';
import { CliError } from '../../cli/errors.js';
import { gatherSnapshot } from '../gather.js';
import { loopPaths, type LoopPaths } from '../../cli/loop-paths.js';
import { requireEvents } from '../require-events.js';
import { clockOf, type Sleep } from '../../cli/run-clock.js';
import type { IntentExecutor } from '../../../lib/loop/control-ports.js';
import { pollEnvelopes, pollStartAtLine } from './poll-envelopes.js';

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

const runtimeError = (err: unknown, fallback: string): Answer => {
  const text =
    err instanceof CliError
      ? [err.errorLine, ...err.details].join('\n')
      : err instanceof Error
        ? err.message
        : '';
  return fromError(serviceError(502, 'runtime_error', text.split('\n').slice(-40).join('\n') || fallback));
};

export const pathsOf = (c: HandlerContext, loopId: string): LoopPaths =>
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
