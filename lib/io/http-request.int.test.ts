// `httpRequest` on a real socket: any method, no body for a GET, the answer kept up to the asked size,
// and a deadline of 0 meaning none (curl's 0).
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { httpRequest } from './http.js';

let server: Server;
let url = '';
let seen: { method?: string; headers: IncomingHttpHeaders }[] = [];
beforeEach(async () => {
  seen = [];
  server = createServer((req, res) => {
    seen.push({ method: req.method, headers: req.headers });
    req.resume();
    req.on('end', () => res.end('y'.repeat(100_000)));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/p`;
});
afterEach(() => new Promise((r) => server.close(r)));

describe('httpRequest', () => {
  it('given a GET with no deadline and a large limit, then it sends no body and keeps the whole answer', async () => {
    const got = await httpRequest({
      method: 'GET',
      url,
      headers: { Accept: 'application/json' },
      timeoutMs: 0,
      connectTimeoutMs: 1000,
      maxBodyBytes: 1 << 20,
    });
    expect(got.kind === 'response' && got.body.length).toBe(100_000);
    expect(seen[0]?.method).toBe('GET');
    expect(seen[0]?.headers['content-length']).toBeUndefined();
  });

  it('given no limit, then it keeps 64 KiB as nodeTransport does', async () => {
    const got = await httpRequest({ method: 'GET', url, headers: {}, timeoutMs: 2000 });
    expect(got.kind === 'response' && got.body.length).toBe(64 * 1024);
  });
});
