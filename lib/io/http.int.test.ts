// The HTTP client on real sockets: it answers with what the server said, gives up at its deadline,
// and never rejects or names the URL (which may be the secret) in a failure.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { nodeTransport } from './http.js';
import { startReceiver, type Receiver } from './receiver.js';

let rx: Receiver;
beforeEach(async () => {
  rx = await startReceiver();
});
afterEach(() => rx.close());

const post = (url: string, timeoutMs = 2000) =>
  nodeTransport({
    url,
    headers: { 'Content-Type': 'application/json', 'X-A': 'b' },
    body: '{"a":1}',
    timeoutMs,
  });

describe('given a server that answers', () => {
  it('returns its status and body, after sending the body and headers', async () => {
    rx.answer = () => ({ status: 201, body: 'created' });
    expect(await post(`${rx.url}/x`)).toEqual({ kind: 'response', status: 201, body: 'created' });
    expect(rx.received[0]).toMatchObject({
      path: '/x',
      body: '{"a":1}',
      headers: { 'x-a': 'b', 'content-length': '7' },
    });
  });

  it('keeps at most 64 KiB of a huge body', async () => {
    rx.answer = () => ({ status: 500, body: 'x'.repeat(200_000) });
    const r = (await post(`${rx.url}/big`)) as { body: string };
    expect(r.body.length).toBe(64 * 1024);
  });
});

describe('given a server that never answers', () => {
  it('gives up at the deadline with a message that names no URL', async () => {
    rx.answer = () => 'hang';
    const r = await post(`${rx.url}/secret-path-abc`, 200);
    expect(r).toEqual({ kind: 'error', message: 'request failed: timed out after 0.2s' });
  });
});

describe('given a URL that cannot be used', () => {
  it.each(['not a url', 'ftp://example.test/secret-path', ''])(
    '%j is an error naming no URL',
    async (url) => {
      expect(await post(url)).toEqual({
        kind: 'error',
        message: 'request failed: the URL is not a valid http(s) URL',
      });
    },
  );

  it('a refused connection is an error with the system code only', async () => {
    expect(await post('http://127.0.0.1:1/secret-path-abc')).toEqual({
      kind: 'error',
      message: 'request failed: ECONNREFUSED',
    });
  });
});
