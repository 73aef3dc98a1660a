// What a transport's failure is, as a value (the reference's failure codes for health), and the pure
// parts of fetching over the sprite service: its request paths and the cursor document its answer
// gives. `transport_unreachable`: nothing usable came back (snapshot_unavailable, events_unavailable,
// service_request_failed); `invalid_transport_payload`: an answer came but does not hold what it must.
import * as E from 'fp-ts/lib/Either.js';

export type TransportFailureCode =
  'snapshot_unavailable' | 'events_unavailable' | 'service_request_failed' | 'service_response_invalid';

export interface TransportFailure {
  readonly reason: 'transport_unreachable' | 'invalid_transport_payload';
  readonly failureCode: TransportFailureCode;
  /** Up to 40 lines saying why (the reference's `failureMessage`). */
  readonly message: string;
  /** Last HTTP status (service only); null when no answer came. */
  readonly httpStatus: number | null;
}

export const unreachable = (
  failureCode: TransportFailureCode,
  message: string,
  httpStatus: number | null = null,
) => E.left<TransportFailure>({ reason: 'transport_unreachable', failureCode, message, httpStatus });

export const invalidPayload = (message: string) =>
  E.left<TransportFailure>({
    reason: 'invalid_transport_payload',
    failureCode: 'service_response_invalid',
    message,
    httpStatus: null,
  });

/** The message for a service answer that is not JSON (the path without its query). */
export const notJsonMessage = (path: string, reason: string): string =>
  `service ${path.split('?')[0]} answer is not JSON: ${reason}`;

export const snapshotRequestPath = (loopId: string): string =>
  `/ops/snapshot?loopId=${encodeURIComponent(loopId)}`;

export const eventsRequestPath = (loopId: string, cursor: number, maxEvents: number): string =>
  `/ops/events?loopId=${encodeURIComponent(loopId)}&cursor=${cursor}&maxEvents=${maxEvents}`;

export interface ServiceCursor {
  readonly repoPath: string;
  readonly loopId: string;
  readonly eventLineOffset: number;
  readonly eventLineCount: number;
  readonly updatedAt: string;
}

/** The cursor document after a fetch over the service: the reference's keys, no byte offset. */
export const serviceCursorDocument = (c: ServiceCursor) => ({
  schemaVersion: 'v1',
  repoPath: c.repoPath,
  loopId: c.loopId,
  eventsFile: `.superloop/loops/${c.loopId}/events.jsonl`,
  eventLineOffset: c.eventLineOffset,
  eventLineCount: c.eventLineCount,
  updatedAt: c.updatedAt,
});
