// The service's request handling over memory handlers: nothing is answered before authorization, the
// route picks the handler, and the control body's cap and abort are the connection's business.
import { describe, expect, it } from 'vitest';
import type { JsonRequest, RequestBody } from '../io/http-server.js';
import { internalError, serviceHandler, type ServiceHandlers } from './service-dispatch.js';

const calls: string[] = [];
const handlers: ServiceHandlers = {
  metrics: async () => (
    calls.push('metrics'),
    { status: 200, body: null, text: { contentType: 't', text: 'm' } }
  ),
  snapshot: async (q, trace) => (calls.push(`snapshot ${q['loopId']} ${trace}`), { status: 200, body: 's' }),
  events: async (q, trace) => (calls.push(`events ${q['loopId']} ${trace}`), { status: 200, body: 'e' }),
  control: async (body, h) => (calls.push(`control ${body} ${h.key} ${h.trace}`), { status: 200, body: 'c' }),
};
const handle = serviceHandler(
  { auth: { kind: 'token', matches: (c) => c === 'tok' }, maxBodyBytes: 10 },
  handlers,
);

const request = (
  method: string,
  pathname: string,
  headers: Record<string, string> = { authorization: 'Bearer tok' },
  body: RequestBody = { kind: 'ok', text: '{}' },
): JsonRequest => ({ method, pathname, query: { loopId: 'L' }, headers, body: async () => body });

describe('given a request without the token', () => {
  it('answers 401 and calls no handler; a POST also closes the connection', async () => {
    calls.length = 0;
    expect(await handle(request('GET', '/ops/snapshot', {}))).toMatchObject({ status: 401 });
    expect(await handle(request('POST', '/ops/control', { 'x-ops-token': 'no' }))).toMatchObject({
      status: 401,
      close: true,
    });
    expect(await handle(request('GET', '/metrics', {}))).toMatchObject({ status: 401 });
    expect(calls).toEqual([]);
  });
  it('answers GET /healthz without reading anything', async () => {
    calls.length = 0;
    expect(await handle(request('GET', '/healthz', {}))).toEqual({ status: 200, body: { ok: true } });
    expect(await handle(request('POST', '/healthz', {}))).toMatchObject({ status: 401 });
    expect(calls).toEqual([]);
  });
});

describe('given an authorized request', () => {
  it('routes to the handler with the trimmed trace id and the idempotency key', async () => {
    calls.length = 0;
    const h = { authorization: 'Bearer tok', 'x-trace-id': ' t1 ', 'x-idempotency-key': 'k' };
    expect(await handle(request('GET', '/healthz', h))).toEqual({ status: 200, body: { ok: true } });
    await handle(request('GET', '/ops/snapshot', h));
    await handle(request('GET', '/ops/events', h));
    await handle(request('POST', '/ops/control', h));
    await handle(request('GET', '/metrics', h));
    expect(calls).toEqual(['snapshot L t1', 'events L t1', 'control {} k t1', 'metrics']);
  });
  it('answers 404 for an unknown path', async () => {
    expect(await handle(request('GET', '/nope'))).toMatchObject({ status: 404 });
  });
  it('refuses a control body past the cap with 413 and drops an aborted one', async () => {
    const auth = { authorization: 'Bearer tok' };
    expect(await handle(request('POST', '/ops/control', auth, { kind: 'too_large' }))).toMatchObject({
      status: 413,
      close: true,
    });
    const aborted = { kind: 'aborted', message: 'gone' } as const;
    expect(await handle(request('POST', '/ops/control', auth, aborted))).toBeNull();
  });
});

describe('internalError', () => {
  it('is a 500 with the error message', () => {
    expect(internalError(new Error('boom'))).toMatchObject({ status: 500 });
    expect(JSON.stringify(internalError(new Error('boom')).body)).toContain('boom');
  });
});
