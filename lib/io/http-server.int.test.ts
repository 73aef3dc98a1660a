// The JSON server on a real socket: the handler sees the method, path, first query values and headers;
// answers go out as compact JSON with their length; a throwing handler gets the caller's error answer;
// a body past the cap is refused without being read whole.
import { afterEach, describe, expect, it } from 'vitest';
import { endlessBody } from './endless-body.test-kit.js';
import { headerOf, startJsonServer, type JsonHandler, type RunningServer } from './http-server.js';

let running: RunningServer | null = null;
afterEach(async () => {
  await running?.close();
  running = null;
});

const start = async (handler: JsonHandler) => {
  running = await startJsonServer(
    { host: '127.0.0.1', port: 0, onError: (err) => ({ status: 500, body: { oops: String(err) } }) },
    handler,
  );
  return running.url;
};

describe('given a handler that echoes the request', () => {
  it('answers its JSON with status, type and length', async () => {
    const url = await start(async (req) => ({
      status: 201,
      body: { m: req.method, p: req.pathname, q: req.query, h: headerOf(req, 'x-a') },
    }));
    const res = await fetch(`${url}/a/b?x=1&x=2&y=`, { headers: { 'X-A': 'v' } });
    expect(res.status).toBe(201);
    expect(res.headers.get('content-type')).toBe('application/json');
    const text = await res.text();
    expect(res.headers.get('content-length')).toBe(String(text.length));
    expect(JSON.parse(text)).toEqual({ m: 'GET', p: '/a/b', q: { x: '1', y: '' }, h: 'v' });
  });
});

describe('given a handler that reads the body', () => {
  const echo: JsonHandler = async (req) => {
    const body = await req.body(8);
    return body.kind === 'ok'
      ? { status: 200, body: body.text }
      : { status: 413, body: body.kind, close: true };
  };
  it('reads a body within the cap', async () => {
    const res = await fetch(await start(echo), { method: 'POST', body: '{"a":1}' });
    expect(await res.json()).toBe('{"a":1}');
  });
  it('refuses a body past the cap and closes the connection', async () => {
    const res = await fetch(await start(echo), { method: 'POST', body: 'x'.repeat(100) });
    expect(res.status).toBe(413);
    expect(res.headers.get('connection')).toBe('close');
  });
});

describe('given a handler that throws', () => {
  it('answers the error answer', async () => {
    const res = await fetch(await start(() => Promise.reject(new Error('boom'))));
    expect(res.status).toBe(500);
    expect(await res.json()).toEqual({ oops: 'Error: boom' });
  });
});

describe('given a request whose chunked body never ends', () => {
  it('a handler that reads no body (an unauthenticated GET) answers, then the connection is dropped', async () => {
    const url = await start(async () => ({ status: 401, body: { error: 'unauthorized' } }));
    const r = await endlessBody(`${url}/x`, 'GET', 1500);
    expect(r.head).toMatch(/^HTTP\/1\.1 401/);
    expect(r.dropped).toBe(true);
  });

  it('a handler that reads it stops at the cap, answers, and the connection is dropped', async () => {
    const url = await start(async (req) => {
      const body = await req.body(4096);
      return { status: body.kind === 'too_large' ? 413 : 200, body: body.kind, close: true };
    });
    const r = await endlessBody(`${url}/x`, 'POST', 1500);
    expect(r.head).toMatch(/^HTTP\/1\.1 413/);
    expect(r.dropped).toBe(true);
  });
});
