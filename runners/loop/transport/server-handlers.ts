// The sprite service's reads on the loop's files (lib/loop/service-reads.ts), on the same functions
// the local commands use: the snapshot from runners/loop/gather.ts, events from the poll
// (poll-envelopes.ts); control is in server-control.ts.
import type { JsonAnswer } from '../../../lib/io/http-server.js';
import { eventsAnswer as eventsBody } from '../../../lib/loop/service-payload.js';
import type { Query } from '../../../lib/loop/service-request.js';
import {
  eventsAnswer,
  snapshotAnswer as snapshotRead,
  type ServiceReads,
} from '../../../lib/loop/service-reads.js';
import { CliError } from '../../cli/errors.js';
import { SourceChangedCliError } from '../fold-errors.js';
import { gatherSnapshot, type GatherOptions } from '../gather.js';
import { loopPaths, type LoopPaths } from '../../cli/loop-paths.js';
import { requireEvents } from '../require-events.js';
import { clockOf, type Sleep } from '../../cli/run-clock.js';
import type { ConfirmScript, IntentExecutor } from '../../../lib/loop/control-ports.js';
import { pollEnvelopes, pollStartAtLine } from './poll-envelopes.js';

export interface HandlerContext {
  readonly repo: string;
  readonly stateDir: string | undefined;
  readonly now: () => number;
  readonly sleep: Sleep;
  readonly executorFor: (p: LoopPaths) => IntentExecutor;
  /** The operator's confirm script (OPS_MANAGER_CONFIRM_SCRIPT), confirming in place of observation. */
  readonly confirmScript?: ConfirmScript;
  readonly defaultBy: string;
  readonly timeoutSeconds: number;
  readonly intervalSeconds: number;
}

export const pathsOf = (c: HandlerContext, loopId: string): LoopPaths =>
  loopPaths(c.repo, c.repo, loopId, c.stateDir);

const describe = (err: unknown): string =>
  err instanceof CliError
    ? [err.errorLine, ...err.details].join('\n')
    : err instanceof Error
      ? err.message
      : '';

/** The service answers for the log as it is now, as the reference's stateless snapshot does: a
 * checkpoint the log no longer extends (rotated or truncated) is a stale cache here, so the fold
 * starts over instead of failing the caller's reconcile. */
const gatherFresh = (p: LoopPaths, o: GatherOptions) =>
  gatherSnapshot(p, o).catch((err: unknown) => {
    if (err instanceof SourceChangedCliError) return gatherSnapshot(p, { ...o, fromStart: true });
    throw err;
  });

const reads = (c: HandlerContext): ServiceReads => ({
  snapshot: async (loopId, traceId) => {
    const asOf = clockOf(c.now).iso();
    const options = { asOf, fromStart: false, skipCorrupt: false, runId: null, traceId };
    const g = await gatherFresh(pathsOf(c, loopId), options);
    await g.commit();
    return g.snapshot;
  },
  events: async ({ loopId, cursor, maxEvents }, traceId, rawTraceId) => {
    const p = pathsOf(c, loopId);
    requireEvents(p);
    const asOf = clockOf(c.now).iso();
    const start = await pollStartAtLine(p.events, cursor);
    const polled = await pollEnvelopes(p, start, { maxEvents, traceId, asOf, skipCorrupt: false });
    return eventsBody({
      repoPath: p.repo,
      loopId,
      traceId: rawTraceId,
      events: polled.events,
      eventLineOffset: polled.cursor.lines,
      eventLineCount: polled.totalLines,
      updatedAt: asOf,
    });
  },
  describe,
});

/** GET /ops/snapshot. */
export const snapshotAnswer = (c: HandlerContext, q: Query, traceId: string): Promise<JsonAnswer> =>
  snapshotRead(reads(c), q, traceId);

/** GET /ops/events. */
export const eventsAnswerOf = (c: HandlerContext, q: Query, traceId: string): Promise<JsonAnswer> =>
  eventsAnswer(reads(c), q, traceId);
