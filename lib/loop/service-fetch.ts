// Fetching a loop over the sprite service, over ports (one HTTP exchange, a sleep, the saved cursor):
// each call retried as service-call.ts decides, GET /ops/snapshot, then GET /ops/events from the saved
// line cursor. A failure is a value: service_request_failed, or service_response_invalid for an
// answer that is not JSON or does not hold what it must.
import * as E from 'fp-ts/lib/Either.js';
import { parseJson } from '../core/codec.js';
import type { PolledEnvelopes } from './reconcile-ports.js';
import type { Envelope, EnvelopeFold } from './envelope-fold.js';
import {
  httpFailure,
  isSuccess,
  retryWaitMs,
  type HttpAnswer,
  type HttpFailure,
  type Once,
  type ServiceCall,
  type ServiceEndpoint,
} from './service-call.js';
import { checkEventsPayload, checkSnapshotPayload } from './service-payload.js';
import {
  eventsRequestPath,
  invalidPayload,
  notJsonMessage,
  serviceCursorDocument,
  snapshotRequestPath,
  unreachable,
  type TransportFailure,
} from './transport-fetch.js';

/** One exchange (never rejects: no answer is `{status: null, body: <reason>}`) and the wait between. */
export interface ServiceExchange {
  once(ep: ServiceEndpoint, call: ServiceCall): Promise<Once>;
  sleep(ms: number): Promise<void>;
}

/** Calls the service with retries; Right on a 2xx answer, Left with the last answer otherwise. */
export const callWithRetries = async (
  x: ServiceExchange,
  ep: ServiceEndpoint,
  call: ServiceCall,
): Promise<E.Either<HttpFailure, HttpAnswer>> => {
  for (let attempt = 1; ; attempt += 1) {
    const got = await x.once(ep, call);
    if (isSuccess(got)) return E.right({ status: got.status, body: got.body, attempts: attempt });
    const wait = retryWaitMs(ep, got, attempt);
    if (wait === null) return E.left(httpFailure(ep, call, got, attempt));
    if (wait > 0) await x.sleep(wait);
  }
};

export interface ServiceFetchRequest {
  readonly repo: string;
  readonly loopId: string;
  readonly fromStart: boolean;
  /** 0 = every available event. */
  readonly maxEvents: number;
  readonly traceId: string | null;
  readonly asOf: string;
}

export interface ServiceFetchPorts extends ServiceExchange {
  readonly endpoint: ServiceEndpoint;
  /** The saved cursor's line count (null when none or unreadable). */
  savedLines(): Promise<number | null>;
}

const getJson = async (x: ServiceFetchPorts, path: string, traceId: string | null) => {
  const got = await callWithRetries(x, x.endpoint, { method: 'GET', path, traceId });
  // Recorded as failureMessage the way the reference captures its client's stderr: `error: ` first.
  if (E.isLeft(got))
    return unreachable('service_request_failed', `error: ${got.left.message}`, got.left.status);
  const parsed = parseJson(got.right.body);
  return E.isLeft(parsed) ? invalidPayload(notJsonMessage(path, parsed.left)) : E.right(parsed.right);
};

/** The snapshot, then the events after the saved cursor, as the reconcile pass's poll answer. */
export const fetchOverService = async <S>(
  x: ServiceFetchPorts,
  r: ServiceFetchRequest,
  fold: EnvelopeFold<S>,
): Promise<E.Either<TransportFailure, PolledEnvelopes<S>>> => {
  const snap = await getJson(x, snapshotRequestPath(r.loopId), r.traceId);
  if (E.isLeft(snap)) return snap;
  const snapshot = checkSnapshotPayload(snap.right);
  if (E.isLeft(snapshot)) return invalidPayload(snapshot.left);
  const from = r.fromStart ? 0 : ((await x.savedLines()) ?? 0);
  const ev = await getJson(x, eventsRequestPath(r.loopId, from, r.maxEvents), r.traceId);
  if (E.isLeft(ev)) return ev;
  const events = checkEventsPayload(ev.right);
  if (E.isLeft(events)) return invalidPayload(events.left);
  const { eventLineOffset, eventLineCount } = events.right;
  const cursorDoc = serviceCursorDocument({
    repoPath: r.repo,
    loopId: r.loopId,
    eventLineOffset,
    eventLineCount,
    updatedAt: r.asOf,
  });
  // The answer is one JSON document, so it is one batch.
  const folded = fold.step(fold.initial, events.right.events as Envelope[]);
  const base = { snapshot: snapshot.right, folded, cursorOffsetBefore: from, cursorDoc, notes: [] };
  return E.right({ ...base, commit: async () => undefined });
};
