import { describe, expect, it } from 'vitest';
import {
  httpFailure,
  isSuccess,
  requestHeaders,
  retryWaitMs,
  serviceUrl,
  type ServiceEndpoint,
} from './service-call.js';

const ep = (over: Partial<ServiceEndpoint> = {}): ServiceEndpoint => ({
  baseUrl: 'http://127.0.0.1:8787/',
  token: 'secret',
  timeoutMs: 1000,
  retryAttempts: 3,
  retryBackoffSeconds: 2,
  ...over,
});

describe('calling the service', () => {
  it('given a base URL with a trailing slash, when the URL is built, then the path follows one slash', () => {
    expect(serviceUrl(ep(), { method: 'GET', path: '/ops/snapshot?loopId=x' })).toBe(
      'http://127.0.0.1:8787/ops/snapshot?loopId=x',
    );
  });

  it('given a token, a trace id, a key and a body, when headers are made, then each is sent as the reference sends it', () => {
    const call = {
      method: 'POST',
      path: '/ops/control',
      body: '{"a":"é"}',
      traceId: 't1',
      idempotencyKey: 'k1',
    } as const;
    expect(requestHeaders(ep(), call)).toEqual({
      Accept: 'application/json',
      Authorization: 'Bearer secret',
      'X-Ops-Token': 'secret',
      'X-Trace-Id': 't1',
      'X-Idempotency-Key': 'k1',
      'Content-Type': 'application/json',
      'Content-Length': '10',
    });
  });

  it('given no token and a GET, when headers are made, then no auth or body headers are sent', () => {
    expect(requestHeaders(ep({ token: null }), { method: 'GET', path: '/' })).toEqual({
      Accept: 'application/json',
    });
  });

  it('given answers, when judged, then only 2xx succeeds', () => {
    expect(isSuccess({ status: 204, body: '' })).toBe(true);
    expect(isSuccess({ status: 302, body: '' })).toBe(false);
    expect(isSuccess({ status: null, body: 'refused' })).toBe(false);
  });

  it('given no answer or a transient status, when attempts remain, then it waits attempt × backoff', () => {
    expect(retryWaitMs(ep(), { status: null, body: '' }, 1)).toBe(2000);
    expect(retryWaitMs(ep(), { status: 503, body: '' }, 2)).toBe(4000);
    expect(retryWaitMs(ep(), { status: 503, body: '' }, 3)).toBeNull();
  });

  it('given a status that is not transient, when judged, then it gives up at once', () => {
    expect(retryWaitMs(ep(), { status: 400, body: '' }, 1)).toBeNull();
  });

  it('given a failed call, when reported, then the line has method, url, code 000 for no answer, and the last 40 lines', () => {
    const body = Array.from({ length: 45 }, (_, i) => `line ${i}\r`).join('\n');
    const f = httpFailure(ep(), { method: 'GET', path: '/ops/events' }, { status: null, body }, 3);
    expect(f.status).toBeNull();
    expect(f.attempts).toBe(3);
    expect(f.message.split('\n')[0]).toBe(
      'service request failed (method=GET url=http://127.0.0.1:8787/ops/events code=000): line 5',
    );
    expect(f.message.split('\n')).toHaveLength(40);
  });
});
