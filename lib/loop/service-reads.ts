// The sprite service's read answers over ports (the runner reads the loop's files): the query decoded
// first (400 with the reference's message), then the read; a read that fails is 502 runtime_error
// with the last 40 lines of why, as the reference service answers a failed helper script.
import * as E from 'fp-ts/lib/Either.js';
import type { JsonAnswer } from '../io/http-server.js';
import { fromError } from './service-dispatch.js';
import { eventsQueryOf, loopIdOf, type EventsQuery, type Query } from './service-request.js';
import { serviceError } from './service-routes.js';

export interface ServiceReads {
  /** The loop_run_snapshot envelope; throws when it cannot be built. */
  snapshot(loopId: string, traceId: string | null): Promise<unknown>;
  /** The events answer body after the query's cursor; throws when they cannot be read. */
  events(q: EventsQuery, traceId: string | null, rawTraceId: string): Promise<unknown>;
  /** The text of a read failure. */
  describe(err: unknown): string;
}

const runtimeError = (text: string, fallback: string): JsonAnswer =>
  fromError(serviceError(502, 'runtime_error', text.split('\n').slice(-40).join('\n') || fallback));

const traceOf = (traceId: string): string | null => (traceId === '' ? null : traceId);

/** GET /ops/snapshot?loopId=L: the loop_run_snapshot envelope (traceId from X-Trace-Id). */
export const snapshotAnswer = async (r: ServiceReads, q: Query, traceId: string): Promise<JsonAnswer> => {
  const loopId = loopIdOf(q);
  if (E.isLeft(loopId)) return fromError(loopId.left);
  try {
    return { status: 200, body: await r.snapshot(loopId.right, traceOf(traceId)) };
  } catch (err) {
    return runtimeError(r.describe(err), 'snapshot command failed');
  }
};

/** GET /ops/events?loopId=L&cursor=N&maxEvents=M: envelopes after line N and the cursor after them. */
export const eventsAnswer = async (r: ServiceReads, q: Query, traceId: string): Promise<JsonAnswer> => {
  const query = eventsQueryOf(q);
  if (E.isLeft(query)) return fromError(query.left);
  try {
    return { status: 200, body: await r.events(query.right, traceOf(traceId), traceId) };
  } catch (err) {
    return runtimeError(r.describe(err), 'event poll command failed');
  }
};
