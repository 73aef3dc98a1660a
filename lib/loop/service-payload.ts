// What the client accepts from the sprite service: the reference reconcile's checks of an /ops/events
// answer (`ok == true`, an `events` array, a `cursor` object with whole-number offsets), and a snapshot
// that is at least a JSON object. A failed check is `invalid_transport_payload`, not unreachability.
// Also the events answer the service builds. Pure.
import * as E from 'fp-ts/lib/Either.js';
import { isObject } from '../core/json-object.js';
import { readView } from './lenient.js';
import { ServiceEventsView } from './service-views.js';

export interface EventsPayload {
  readonly events: readonly unknown[];
  readonly eventLineOffset: number;
  readonly eventLineCount: number;
}

const wholeNumber = (v: unknown): v is number => typeof v === 'number' && Number.isSafeInteger(v) && v >= 0;

/** Pure: the events answer, or why it is unusable (the reference's messages). */
export const checkEventsPayload = (answer: unknown): E.Either<string, EventsPayload> => {
  const { ok, events, hasCursor, eventLineOffset, eventLineCount } = readView(ServiceEventsView, answer);
  if (!ok || events === null || !hasCursor) return E.left('service /ops/events response shape invalid');
  const offset = eventLineOffset ?? 0;
  const count = eventLineCount ?? 0;
  if (!wholeNumber(offset) || !wholeNumber(count)) return E.left('service cursor values are invalid');
  if (!events.every(isObject)) return E.left('service /ops/events response holds a non-object event');
  return E.right({ events, eventLineOffset: offset, eventLineCount: count });
};

/** Pure: the snapshot answer, or why it is unusable. */
export const checkSnapshotPayload = (v: unknown): E.Either<string, Record<string, unknown>> =>
  isObject(v) && v['envelopeType'] === 'loop_run_snapshot'
    ? E.right(v)
    : E.left('service /ops/snapshot response is not a loop_run_snapshot envelope');

export interface EventsAnswer {
  readonly repoPath: string;
  readonly loopId: string;
  readonly traceId: string;
  readonly events: readonly unknown[];
  readonly eventLineOffset: number;
  readonly eventLineCount: number;
  readonly updatedAt: string;
}

/** Pure: the /ops/events response body (no `traceId` key when none was given, as the reference). */
export const eventsAnswer = (a: EventsAnswer): Record<string, unknown> => ({
  ok: true,
  schemaVersion: 'v1',
  ...(a.traceId === '' ? {} : { traceId: a.traceId }),
  source: { repoPath: a.repoPath, loopId: a.loopId },
  events: a.events,
  cursor: { eventLineOffset: a.eventLineOffset, eventLineCount: a.eventLineCount, updatedAt: a.updatedAt },
});
