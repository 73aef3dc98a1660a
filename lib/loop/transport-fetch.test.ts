import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import {
  eventsRequestPath,
  invalidPayload,
  notJsonMessage,
  serviceCursorDocument,
  snapshotRequestPath,
  unreachable,
} from './transport-fetch.js';

describe('fetching over a transport', () => {
  it('given a loop id with reserved characters, when the service paths are built, then it is encoded', () => {
    expect(snapshotRequestPath('a b/c')).toBe('/ops/snapshot?loopId=a%20b%2Fc');
    expect(eventsRequestPath('a b', 4, 0)).toBe('/ops/events?loopId=a%20b&cursor=4&maxEvents=0');
  });

  it('given an answer that is not JSON, when explained, then the message names the path without its query', () => {
    expect(notJsonMessage('/ops/events?loopId=x&cursor=0', 'Unexpected token')).toBe(
      'service /ops/events answer is not JSON: Unexpected token',
    );
  });

  it('given no answer, when a failure is made, then it is unreachable with the status or null', () => {
    expect(unreachable('service_request_failed', 'down', 503)).toEqual(
      E.left({
        reason: 'transport_unreachable',
        failureCode: 'service_request_failed',
        message: 'down',
        httpStatus: 503,
      }),
    );
    expect(unreachable('events_unavailable', 'gone')).toMatchObject(E.left({ httpStatus: null }));
  });

  it('given an answer without what it must hold, when a failure is made, then it is an invalid payload', () => {
    expect(invalidPayload('no events')).toEqual(
      E.left({
        reason: 'invalid_transport_payload',
        failureCode: 'service_response_invalid',
        message: 'no events',
        httpStatus: null,
      }),
    );
  });

  it('given the service cursor, when the document is made, then it has the reference keys in order', () => {
    const doc = serviceCursorDocument({
      repoPath: '/r',
      loopId: 'l1',
      eventLineOffset: 3,
      eventLineCount: 5,
      updatedAt: '2026-02-22T12:00:00Z',
    });
    expect(JSON.stringify(doc)).toBe(
      '{"schemaVersion":"v1","repoPath":"/r","loopId":"l1","eventsFile":".superloop/loops/l1/events.jsonl",' +
        '"eventLineOffset":3,"eventLineCount":5,"updatedAt":"2026-02-22T12:00:00Z"}',
    );
  });
});
