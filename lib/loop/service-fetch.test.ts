// Fetching over the service with a memory exchange: a transient answer is retried after the backoff,
// the events are asked from the saved line cursor, and an answer that is not JSON is a value, not a throw.
import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import type { Once, ServiceEndpoint } from './service-call.js';
import { collectEnvelopes } from './envelope-fold.js';
import { callWithRetries, fetchOverService, type ServiceFetchPorts } from './service-fetch.js';

const endpoint: ServiceEndpoint = {
  baseUrl: 'http://svc',
  token: null,
  timeoutMs: 1000,
  retryAttempts: 3,
  retryBackoffSeconds: 1,
};

const exchange = (answers: Once[], savedLines: number | null = null) => {
  const asked: string[] = [];
  const slept: number[] = [];
  const ports: ServiceFetchPorts = {
    endpoint,
    once: async (_ep, call) => (asked.push(call.path), answers.shift() ?? { status: null, body: 'none' }),
    sleep: async (ms) => void slept.push(ms),
    savedLines: async () => savedLines,
  };
  return { ports, asked, slept };
};

const snapshot = { status: 200, body: JSON.stringify({ envelopeType: 'loop_run_snapshot' }) };
const events = {
  status: 200,
  body: JSON.stringify({ ok: true, events: [{ n: 1 }], cursor: { eventLineOffset: 7, eventLineCount: 7 } }),
};
const request = { repo: '/r', loopId: 'L', fromStart: false, maxEvents: 0, traceId: null, asOf: 'T' };

describe('callWithRetries', () => {
  it('retries a transient status after the backoff and answers the success with its attempts', async () => {
    const x = exchange([
      { status: 503, body: 'busy' },
      { status: 200, body: 'ok' },
    ]);
    const got = await callWithRetries(x.ports, endpoint, { method: 'GET', path: '/p' });
    expect(got).toEqual(E.right({ status: 200, body: 'ok', attempts: 2 }));
    expect(x.slept).toEqual([1000]);
  });
  it('gives up on a status that is not transient', async () => {
    const x = exchange([{ status: 404, body: 'no' }]);
    const got = await callWithRetries(x.ports, endpoint, { method: 'GET', path: '/p' });
    expect(E.isLeft(got) && got.left.attempts).toBe(1);
  });
});

describe('fetchOverService', () => {
  it('asks the events after the saved cursor and keeps the cursor before them', async () => {
    const x = exchange([snapshot, events], 5);
    const got = await fetchOverService(x.ports, request, collectEnvelopes);
    expect(x.asked[1]).toContain('cursor=5');
    expect(E.isRight(got) && got.right).toMatchObject({ cursorOffsetBefore: 5, folded: [{ n: 1 }] });
  });
  it('answers service_response_invalid for a snapshot that is not JSON', async () => {
    const got = await fetchOverService(
      exchange([{ status: 200, body: '<html>' }]).ports,
      request,
      collectEnvelopes,
    );
    expect(E.isLeft(got) && got.left.failureCode).toBe('service_response_invalid');
  });
  it('given no answer, then service_request_failed with the client line, error: first, as its message', async () => {
    const x = exchange([{ status: 401, body: 'denied' }]);
    const got = await fetchOverService(x.ports, request, collectEnvelopes);
    expect(E.isLeft(got) && got.left).toMatchObject({
      failureCode: 'service_request_failed',
      message:
        'error: service request failed (method=GET url=http://svc/ops/snapshot?loopId=L code=401): denied',
    });
  });
});
