// Decoding the sprite service's requests (query parameters, the control body) with the reference
// service's rules and messages, plus opsfold's own checks: a loop id must be one path segment and an
// idempotency key printable. Pure; each returns the value or the 400 response to send.
import * as E from 'fp-ts/lib/Either.js';
import { controlIntents, type ControlIntent } from './control-outcome.js';
import { validKey } from './idempotency.js';
import { serviceError, type ServiceError } from './service-routes.js';

/** First value of each query parameter. */
export type Query = Readonly<Record<string, string | undefined>>;

const invalid = (message: string): ServiceError => serviceError(400, 'invalid_request', message);

/** Pure: a loop id is one path segment (the reference took any string and joined it into paths). */
export const validLoopId = (id: string): boolean =>
  id !== '' && !/[/\\\0]/.test(id) && !id.includes('..') && id.trim() === id;

/** Pure: the `loopId` query parameter. */
export const loopIdOf = (q: Query): E.Either<ServiceError, string> => {
  const id = q['loopId'] ?? '';
  if (id === '') return E.left(invalid('loopId is required'));
  return validLoopId(id) ? E.right(id) : E.left(invalid('loopId must be one path segment'));
};

/** Pure: a non-negative integer query parameter (Python `int()` accepts surrounding spaces and a sign). */
export const intOf = (q: Query, key: string): E.Either<ServiceError, number> => {
  const raw = q[key];
  if (raw === undefined) return E.right(0);
  if (!/^\s*[+-]?\d+\s*$/.test(raw)) return E.left(invalid(`query parameter '${key}' must be an integer`));
  const n = Number(raw.trim());
  if (n < 0) return E.left(invalid(`query parameter '${key}' must be >= 0`));
  return Number.isSafeInteger(n) ? E.right(n) : E.left(invalid(`query parameter '${key}' is too large`));
};

export interface EventsQuery {
  readonly loopId: string;
  readonly cursor: number;
  readonly maxEvents: number;
}

/** Pure: the /ops/events query. */
export const eventsQueryOf = (q: Query): E.Either<ServiceError, EventsQuery> => {
  const loopId = loopIdOf(q);
  if (E.isLeft(loopId)) return loopId;
  const cursor = intOf(q, 'cursor');
  if (E.isLeft(cursor)) return cursor;
  const maxEvents = intOf(q, 'maxEvents');
  if (E.isLeft(maxEvents)) return maxEvents;
  return E.right({ loopId: loopId.right, cursor: cursor.right, maxEvents: maxEvents.right });
};

export interface ControlBody {
  readonly loopId: string;
  readonly intent: ControlIntent;
  readonly by: string;
  readonly note: string;
  readonly idempotencyKey: string;
  readonly traceId: string;
  readonly noConfirm: boolean;
}

export interface ControlHeaders {
  readonly idempotencyKey: string;
  readonly traceId: string;
  /** Who acts when the body names nobody (the reference falls back to $USER, then `ops-service`). */
  readonly defaultBy: string;
}

// Python `str(payload.get(k) or "").strip()`: falsy values become "", anything else its text.
const field = (body: Record<string, unknown>, key: string): string => {
  const v = body[key];
  if (v === undefined || v === null || v === false || v === 0 || v === '') return '';
  return (typeof v === 'string' ? v : JSON.stringify(v)).trim();
};

// Python `bool(x)`: empty containers, 0, "" and null are false.
const truthy = (v: unknown): boolean => {
  if (Array.isArray(v)) return v.length > 0;
  if (v !== null && typeof v === 'object') return Object.keys(v).length > 0;
  return Boolean(v);
};

/** Pure: the control request, from the parsed JSON body and the request headers. */
export const controlBodyOf = (body: unknown, h: ControlHeaders): E.Either<ServiceError, ControlBody> => {
  if (body === null || typeof body !== 'object' || Array.isArray(body))
    return E.left(invalid('request body must be an object'));
  const b = body as Record<string, unknown>;
  const loopId = field(b, 'loopId');
  const intent = field(b, 'intent');
  if (loopId === '') return E.left(invalid('loopId is required'));
  if (!validLoopId(loopId)) return E.left(invalid('loopId must be one path segment'));
  if (!(controlIntents as readonly string[]).includes(intent))
    return E.left(invalid('intent must be cancel, approve, or reject'));
  const idempotencyKey = field(b, 'idempotencyKey') || h.idempotencyKey.trim();
  if (idempotencyKey !== '' && !validKey(idempotencyKey))
    return E.left(invalid('idempotencyKey must be 1-200 printable characters without spaces'));
  return E.right({
    loopId,
    intent: intent as ControlIntent,
    by: field(b, 'by') || h.defaultBy,
    note: field(b, 'note'),
    idempotencyKey,
    traceId: field(b, 'traceId') || h.traceId.trim(),
    noConfirm: truthy(b['noConfirm']),
  });
};
