// Given a real HTTP server, when `opsfold service-client` sends to it, then the headers, the body, the
// retries and the printed answer or `error:` line are the reference client's.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCaptured } from '../cli/capture.js';
import { makeServiceClient } from './service-client.js';

interface Seen {
  readonly method: string;
  readonly url: string;
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
}
let server: Server;
let url = '';
let seen: Seen[] = [];
let answers: [number, string][] = [];
let dir = '';

beforeEach(async () => {
  seen = [];
  answers = [];
  dir = mkdtempSync(join(tmpdir(), 'opsfold-client-'));
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString('utf8')));
    req.on('end', () => {
      seen.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body });
      const [status, text] = answers.shift() ?? [200, '{"ok":true}'];
      res.writeHead(status, { 'Content-Type': 'application/json' }).end(text);
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterEach(async () => {
  rmSync(dir, { recursive: true, force: true });
  await new Promise((r) => server.close(r));
});

const waits: number[] = [];
const client = (...argv: string[]) =>
  runCaptured(
    [makeServiceClient((ms) => (waits.push(ms), Promise.resolve()))],
    ['service-client', '--base-url', url, ...argv],
    { cwd: dir, env: {}, now: () => 0 },
  );

describe('service-client', () => {
  it('given a GET with a token and trace id, then it sends both and prints the body as received', async () => {
    answers = [[200, '{"envelopeType":"loop_run_snapshot"}']];
    const ran = await client(
      '--method',
      'GET',
      '--path',
      '/ops/snapshot?loopId=a',
      '--token',
      'tk',
      '--trace-id',
      'tr-1',
    );
    expect(ran).toEqual({ code: 0, stdout: '{"envelopeType":"loop_run_snapshot"}', stderr: '' });
    expect(seen[0]).toMatchObject({
      method: 'GET',
      url: '/ops/snapshot?loopId=a',
      headers: {
        authorization: 'Bearer tk',
        'x-ops-token': 'tk',
        'x-trace-id': 'tr-1',
        accept: 'application/json',
      },
    });
  });

  it('given a POST with a body file, then the file is the JSON body', async () => {
    writeFileSync(join(dir, 'body.json'), '{"intent":"cancel"}');
    const ran = await client('--method', 'POST', '--path', '/ops/control', '--body-file', 'body.json');
    expect(ran.code).toBe(0);
    expect(seen[0]).toMatchObject({
      method: 'POST',
      body: '{"intent":"cancel"}',
      headers: { 'content-type': 'application/json' },
    });
  });

  it('given a 503 then a 200, then it retries after the backoff and succeeds', async () => {
    waits.length = 0;
    answers = [
      [503, 'busy'],
      [200, 'fine'],
    ];
    const ran = await client('--method', 'GET', '--path', '/x', '--retry-backoff-seconds', '2');
    expect(ran.stdout).toBe('fine');
    expect(waits).toEqual([2000]);
  });

  it('given a 401, then it fails (exit 1) with the reference line and the answer excerpt', async () => {
    answers = [[401, '{"ok":false,"error":{"code":"unauthorized"}}']];
    const ran = await client('--method', 'GET', '--path', '/ops/snapshot');
    expect(ran.code).toBe(1);
    expect(ran.stderr).toBe(
      `error: service request failed (method=GET url=${url}/ops/snapshot code=401): {"ok":false,"error":{"code":"unauthorized"}}\n`,
    );
  });

  it('given a missing body file, then it is the reference error and nothing is sent', async () => {
    const ran = await client('--method', 'POST', '--path', '/ops/control', '--body-file', 'nope.json');
    expect(ran.code).toBe(1);
    expect(ran.stderr).toMatch(/^error: body file not found: nope\.json/);
    expect(seen).toEqual([]);
  });

  it('given a bad method, then it is a usage error (64) with the reference wording', async () => {
    const ran = await client('--method', 'PUT', '--path', '/x');
    expect(ran.code).toBe(64);
    expect(ran.stderr).toMatch(/^error: --method must be GET or POST/);
  });
});
