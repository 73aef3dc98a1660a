// The sprite service and its client over real sockets on 127.0.0.1 (port 0): auth, request limits,
// the snapshot/events/control answers, idempotent retries through a proxy that loses the first answer,
// a server that dies mid-request, one that never answers, one that answers garbage, and the
// `opsfold service` command itself. Sleep is injected; no test measures time.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as E from 'fp-ts/lib/Either.js';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCaptured } from '../cli/capture.js';
import { makeLoopControl } from './control.js';
import { makeService } from './service.js';
import { loopPaths } from '../cli/loop-paths.js';
import { builtinExecutor } from './transport/executor.js';
import { fetchLoop } from './transport/fetch.js';
import { collectEnvelopes } from '../../lib/loop/envelope-fold.js';
import type { FetchRequest, Transport } from './transport/fetch-types.js';
import { startService, type RunningService, type ServiceOptions } from './transport/server.js';
import { tokenAuth } from './transport/token.js';
import { loopLockTarget } from './transport/loop-lock.js';
import { withLock } from '../../lib/io/lock.js';
import { lines, spriteCancel, useControlFixture } from './control-fixture.test-kit.js';

const TOKEN = 'test-token-4d1f';
const asOf = '2026-02-22T12:00:00Z';
const fx = useControlFixture('opsfold-service-');
let t = 0;
let slept: number[] = [];
const sleep = async (ms: number) => {
  slept.push(ms);
  t += ms;
};
const closers: (() => Promise<void>)[] = [];

const start = async (repo: string, over: Partial<ServiceOptions> = {}): Promise<RunningService> => {
  const svc = await startService({
    repo: join(fx.work, repo),
    stateDir: undefined,
    host: '127.0.0.1',
    port: 0,
    auth: tokenAuth(TOKEN),
    maxBodyBytes: 4096,
    now: () => t,
    sleep,
    executorFor: (p) => builtinExecutor(p),
    defaultBy: 'svc',
    timeoutSeconds: 0,
    intervalSeconds: 2,
    ...over,
  });
  closers.push(svc.close);
  return svc;
};

/** A bare server for failure modes; closed after the test. */
const bare = async (handler: http.RequestListener): Promise<string> => {
  const server = http.createServer(handler);
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  closers.push(
    () =>
      new Promise<void>((ok) => {
        server.close(() => ok());
        server.closeAllConnections();
      }),
  );
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
};

interface Raw {
  status: number;
  json: Record<string, unknown>;
}
const raw = (
  url: string,
  o: { method?: string; headers?: Record<string, string>; body?: string; chunks?: string[] } = {},
): Promise<Raw> =>
  new Promise((resolve, reject) => {
    const req = http.request(url, { method: o.method ?? 'GET', headers: o.headers ?? {} }, (res) => {
      let text = '';
      res.on('data', (c) => (text += String(c)));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, json: JSON.parse(text) }));
    });
    req.on('error', reject);
    for (const c of o.chunks ?? []) req.write(c);
    req.end(o.body);
  });
const auth = { 'X-Ops-Token': TOKEN };
const post = (url: string, body: unknown, headers: Record<string, string> = auth) =>
  raw(`${url}/ops/control`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });

const events = (repo: string, loop = repo) =>
  lines(join(fx.work, repo, '.superloop', 'loops', loop, 'events.jsonl'));
const ledger = (repo: string, loop = repo) =>
  lines(join(fx.work, repo, '.opsfold', 'loop', loop, 'control-idempotency.jsonl'));
const manager = (repo: string, ...p: string[]) =>
  join(fx.work, repo, '.superloop', 'ops-manager', repo, ...p);

beforeEach(() => {
  t = Date.parse(asOf);
  slept = [];
});
afterEach(async () => {
  while (closers.length > 0) await closers.pop()?.();
});

describe('authorization', () => {
  it('answers 401 unauthorized without a token or with a wrong one, and 200 with either header', async () => {
    const { url } = await start('running');
    const at = `${url}/ops/snapshot?loopId=running`;
    const codes = await Promise.all([
      raw(at),
      raw(at, { headers: { 'X-Ops-Token': 'wrong' } }),
      raw(at, { headers: { Authorization: `Bearer ${TOKEN}x` } }),
      raw(at, { headers: { Authorization: `Bearer ${TOKEN}` } }),
      raw(at, { headers: { 'X-Ops-Token': TOKEN } }),
    ]);
    expect(codes.map((c) => c.status)).toEqual([401, 401, 401, 200, 200]);
    expect(codes[0]?.json).toEqual({
      ok: false,
      error: { code: 'unauthorized', message: 'missing or invalid token' },
    });
  });
  it('runs nothing for a control request with a wrong token', async () => {
    const { url } = await start('running');
    const r = await post(url, { loopId: 'running', intent: 'cancel' }, { 'X-Ops-Token': 'nope' });
    expect(r.status).toBe(401);
    expect(existsSync(join(fx.work, 'running', '.superloop', 'state.json'))).toBe(true);
    expect(ledger('running')).toEqual([]);
  });
});

describe('malformed requests', () => {
  it.each([
    ['not json', '{"loopId":', 400, 'invalid_json'],
    ['an array', '[1]', 400, 'invalid_request'],
    ['an unknown intent', '{"loopId":"running","intent":"pause"}', 400, 'invalid_request'],
    ['a loop id with a path', '{"loopId":"../running","intent":"cancel"}', 400, 'invalid_request'],
    ['no loop id', '{"intent":"cancel"}', 400, 'invalid_request'],
  ])('answers %s with %i %s and runs nothing', async (_what, body, status, code) => {
    const { url } = await start('running');
    const r = await post(url, body);
    expect([r.status, (r.json['error'] as { code: string }).code]).toEqual([status, code]);
    expect(ledger('running')).toEqual([]);
  });
  it('answers 413 for a body over the cap, declared or streamed, and runs nothing', async () => {
    const { url } = await start('running', { maxBodyBytes: 64 });
    const big = JSON.stringify({ loopId: 'running', intent: 'cancel', note: 'x'.repeat(200) });
    const declared = await post(url, big);
    const streamed = await raw(`${url}/ops/control`, {
      method: 'POST',
      headers: { ...auth, 'Transfer-Encoding': 'chunked' },
      chunks: [big.slice(0, 50), big.slice(50)],
    });
    expect([declared.status, streamed.status]).toEqual([413, 413]);
    expect(declared.json).toMatchObject({ ok: false, error: { code: 'payload_too_large' } });
    expect(existsSync(join(fx.work, 'running', '.superloop', 'state.json'))).toBe(true);
  });
  it('answers 404 for unknown paths and for a route asked with the other method', async () => {
    const { url } = await start('running');
    const r = await Promise.all([
      raw(`${url}/ops/nothing`, { headers: auth }),
      raw(`${url}/ops/control`, { headers: auth }),
    ]);
    expect(r.map((x) => [x.status, (x.json['error'] as { code: string }).code])).toEqual([
      [404, 'not_found'],
      [404, 'not_found'],
    ]);
  });
});

describe('snapshot and events', () => {
  it('serves the snapshot envelope with the X-Trace-Id, and events from a line cursor', async () => {
    const { url } = await start('running');
    const snap = await raw(`${url}/ops/snapshot?loopId=running`, {
      headers: { ...auth, 'X-Trace-Id': 'tr-1' },
    });
    expect(snap.status).toBe(200);
    expect(snap.json).toMatchObject({
      envelopeType: 'loop_run_snapshot',
      traceId: 'tr-1',
      run: { status: 'running' },
      sequence: { source: 'cursor_event_line_offset', value: 10 },
    });
    const ev = await raw(`${url}/ops/events?loopId=running&cursor=3&maxEvents=2`, {
      headers: { ...auth, 'X-Trace-Id': 'tr-2' },
    });
    expect(ev.status).toBe(200);
    expect(ev.json).toMatchObject({
      ok: true,
      schemaVersion: 'v1',
      traceId: 'tr-2',
      source: { loopId: 'running' },
      cursor: { eventLineOffset: 5, eventLineCount: 10, updatedAt: asOf },
    });
    const got = ev.json['events'] as {
      sequence: { value: number };
      event: { name: string };
      traceId: string;
    }[];
    expect(got.map((e) => [e.sequence.value, e.event.name, e.traceId])).toEqual([
      [4, 'role_end', 'tr-2'],
      [5, 'role_start', 'tr-2'],
    ]);
  });
  it('serves the snapshot of a log cut shorter than its checkpoint by folding it again', async () => {
    const { url } = await start('running');
    const first = await raw(`${url}/ops/snapshot?loopId=running`, { headers: auth });
    expect(first.json).toMatchObject({ sequence: { value: 10 } });
    const log = join(fx.work, 'running', '.superloop', 'loops', 'running', 'events.jsonl');
    writeFileSync(log, `${readFileSync(log, 'utf8').split('\n')[0]}\n`);
    const again = await raw(`${url}/ops/snapshot?loopId=running`, { headers: auth });
    expect(again.status).toBe(200);
    expect(again.json).toMatchObject({ sequence: { value: 1 } });
  });

  it('answers 502 runtime_error for a cursor past the end and 400 for a bad one', async () => {
    const { url } = await start('running');
    const past = await raw(`${url}/ops/events?loopId=running&cursor=99`, { headers: auth });
    const bad = await raw(`${url}/ops/events?loopId=running&cursor=-1`, { headers: auth });
    expect(past.status).toBe(502);
    expect(past.json['error']).toMatchObject({ code: 'runtime_error' });
    expect(String((past.json['error'] as { message: string }).message)).toContain(
      'cursor offset (99) exceeds available events (10)',
    );
    expect([bad.status, bad.json['error']]).toEqual([
      400,
      { code: 'invalid_request', message: "query parameter 'cursor' must be >= 0" },
    ]);
  });
});

const clientRun = (argv: string[], env: Record<string, string> = { OPS_TOKEN: TOKEN }) =>
  runCaptured([makeLoopControl({ sleep })], argv, { cwd: fx.work, env, now: () => t });
const serviceControl = (url: string, repo: string, ...rest: string[]) =>
  clientRun([
    'loop',
    'control',
    '--repo',
    repo,
    '--loop',
    repo,
    '--transport',
    'sprite_service',
    '--service-base-url',
    url,
    '--service-token-env',
    'OPS_TOKEN',
    '--as-of',
    asOf,
    ...rest,
  ]);

describe('control over sprite_service', () => {
  it('runs the intent on the service and records both sides', async () => {
    const { url } = await start('running');
    const r = await serviceControl(
      url,
      'running',
      '--intent',
      'cancel',
      '--trace-id',
      'tr-c',
      '--idempotency-key',
      'idem-1',
    );
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({
      status: 'confirmed',
      transport: 'sprite_service',
      traceId: 'tr-c',
      command: `POST ${url}/ops/control`,
    });
    expect(existsSync(join(fx.work, 'running', '.superloop', 'state.json'))).toBe(false);
    expect(lines(manager('running', 'intents.jsonl')).map((e) => e['transport'])).toEqual([
      'local',
      'sprite_service',
    ]);
    expect(lines(manager('running', 'telemetry', 'control-invocations.jsonl')).at(-1)).toMatchObject({
      transport: 'sprite_service',
      idempotencyKey: 'idem-1',
      traceId: 'tr-c',
      execution: { status: 'succeeded', replayed: false },
      outcome: { status: 'confirmed', confirmed: true },
    });
    const view = JSON.parse(readFileSync(manager('running', 'service-idempotency.json'), 'utf8'));
    expect(view['idem-1']).toMatchObject({ ok: true, exitCode: 0, result: { status: 'confirmed' } });
  });

  it('sends the key with every retry, so the service sees it twice and acts once', async () => {
    const { url: upstream } = await start('awaiting-approval');
    const seen: string[] = [];
    let lose = true;
    const proxy = await bare((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        seen.push(String(req.headers['x-idempotency-key']));
        const headers = {
          'Content-Type': 'application/json',
          'X-Ops-Token': String(req.headers['x-ops-token']),
        };
        raw(`${upstream}${req.url}`, {
          method: req.method,
          headers,
          body: Buffer.concat(chunks).toString(),
        }).then(
          (up) => {
            if (lose) {
              lose = false;
              req.socket.destroy();
              return;
            }
            res.writeHead(up.status, { 'Content-Type': 'application/json' });
            res.end(JSON.stringify(up.json));
          },
          () => req.socket.destroy(),
        );
      });
    });
    const r = await serviceControl(
      proxy,
      'awaiting-approval',
      '--intent',
      'reject',
      '--idempotency-key',
      'rej-7',
      '--retry-attempts',
      '3',
    );
    expect(r.code, r.stderr).toBe(0);
    expect(seen).toEqual(['rej-7', 'rej-7']);
    expect(events('awaiting-approval').filter((e) => e['event'] === 'approval_decision')).toHaveLength(1);
    expect(ledger('awaiting-approval').map((l) => l['phase'])).toEqual(['started', 'completed']);
    expect(JSON.parse(r.stdout)).toMatchObject({ status: 'confirmed', replayed: true });
    expect(slept).toEqual([1000]);
  });

  it('is a refusal, not a failed command, when the service refuses the intent (422)', async () => {
    const { url } = await start('approved');
    const r = await serviceControl(url, 'approved', '--intent', 'approve');
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout)).toMatchObject({ status: 'refused', reasonCode: 'approval_not_pending' });
    expect(existsSync(manager('approved', 'intents.jsonl'))).toBe(false);
    expect(
      lines(manager('approved', 'telemetry', 'control-invocations.jsonl')).map((a) => a['outcome']),
    ).toMatchObject([
      { status: 'refused', reasonCode: 'approval_not_pending' },
      { status: 'refused', reasonCode: 'approval_not_pending' },
    ]);
  });

  it('is failed_command (exit 1) with a wrong token, after one attempt, and nothing runs', async () => {
    const { url } = await start('running');
    const bad = await clientRun(spriteCancel(url, '--service-token', 'wrong'), {});
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain(
      `error: service request failed (method=POST url=${url}/ops/control code=401)`,
    );
    expect(JSON.parse(bad.stdout)).toMatchObject({ status: 'failed_command', commandOutput: '{}' });
    expect(existsSync(join(fx.work, 'running', '.superloop', 'state.json'))).toBe(true);
    expect(slept).toEqual([]);
  });
});

describe('given the operator names a confirm script for the service', () => {
  it('when a control is posted, then the script confirms it in place of observation', async () => {
    const asked: unknown[] = [];
    const { url } = await start('running', {
      confirmScript: async (r) => {
        asked.push(r);
        return { exitCode: 1, output: '{"confirmed":false,"reason":"operator_says_no"}' };
      },
    });
    const r = await post(url, { loopId: 'running', intent: 'cancel', idempotencyKey: 'idem-script' });
    expect(r.status).toBe(409);
    expect(asked).toMatchObject([{ loopId: 'running', intent: 'cancel', timeoutSeconds: 0 }]);
    expect(lines(manager('running', 'intents.jsonl')).at(-1)).toMatchObject({
      status: 'ambiguous',
      confirmExitCode: 1,
      confirm: { reason: 'operator_says_no' },
    });
  });
});

describe('when another control of the loop holds its lock', () => {
  it('answers 503 loop_locked, which the client retries and then records as failed_command', async () => {
    const { url } = await start('running');
    const p = loopPaths(fx.work, 'running', 'running');
    const [direct, viaClient] = await withLock(
      loopLockTarget(p),
      { waitMs: 0 },
      async () =>
        [
          await post(url, { loopId: 'running', intent: 'cancel' }),
          await serviceControl(url, 'running', '--intent', 'cancel', '--retry-attempts', '2'),
        ] as const,
    );
    expect([direct.status, (direct.json['error'] as { code: string }).code]).toEqual([503, 'loop_locked']);
    expect(viaClient.code).toBe(1);
    expect(viaClient.stderr).toContain('code=503');
    expect(slept).toEqual([1000]);
    expect(existsSync(join(fx.work, 'running', '.superloop', 'state.json'))).toBe(true);
    expect(ledger('running')).toEqual([]);
  });
});

const fetchReq = (repo: string): FetchRequest => ({
  paths: loopPaths(fx.work, repo, repo),
  cursorFile: manager(repo, 'cursor.json'),
  fromStart: false,
  maxEvents: 0,
  traceId: null,
  asOf,
  skipCorrupt: false,
});
const over = (baseUrl: string, attempts = 3, timeoutMs = 5000): Transport => ({
  mode: 'sprite_service',
  endpoint: { baseUrl, token: TOKEN, timeoutMs, retryAttempts: attempts, retryBackoffSeconds: 1 },
  sleep,
});

describe('fetching snapshot and events for reconcile', () => {
  it('gives the same snapshot run and events over both transports', async () => {
    const { url } = await start('running');
    const local = await fetchLoop({ mode: 'local' }, fetchReq('running'), collectEnvelopes);
    const remote = await fetchLoop(over(url), fetchReq('running'), collectEnvelopes);
    if (E.isLeft(local) || E.isLeft(remote)) throw new Error('fetch failed');
    expect(remote.right.snapshot['run']).toEqual(local.right.snapshot['run']);
    expect(remote.right.folded).toEqual(local.right.folded);
    expect(remote.right.folded).toHaveLength(10);
    expect([remote.right.cursorDoc['eventLineOffset'], local.right.cursorDoc['eventLineOffset']]).toEqual([
      10, 10,
    ]);
  });
  it('is transport_unreachable after every attempt when the server dies mid-request', async () => {
    let hits = 0;
    const url = await bare((req) => {
      hits += 1;
      req.socket.destroy();
    });
    const r = await fetchLoop(over(url), fetchReq('running'), collectEnvelopes);
    expect(r).toMatchObject(
      E.left({ reason: 'transport_unreachable', failureCode: 'service_request_failed', httpStatus: null }),
    );
    expect([hits, slept]).toEqual([3, [1000, 2000]]);
  });
  it('retries an answer cut off mid-body, and takes the next complete one', async () => {
    const { url: upstream } = await start('running');
    let hits = 0;
    const url = await bare((req, res) => {
      hits += 1;
      if (hits === 1) {
        res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': '500' });
        res.write('{"schemaVersion":');
        setTimeout(() => res.socket?.destroy(), 10);
        return;
      }
      raw(`${upstream}${req.url}`, { headers: auth }).then((up) => {
        res.writeHead(up.status, { 'Content-Type': 'application/json' });
        res.end(JSON.stringify(up.json));
      });
    });
    const r = await fetchLoop(over(url), fetchReq('running'), collectEnvelopes);
    expect(E.isRight(r)).toBe(true);
    expect(hits).toBe(3);
  });
  it('is transport_unreachable with code 000 when the server never answers', async () => {
    const url = await bare(() => undefined);
    const r = await fetchLoop(over(url, 2, 50), fetchReq('running'), collectEnvelopes);
    if (E.isRight(r)) throw new Error('expected a failure');
    expect(r.left).toMatchObject({ reason: 'transport_unreachable', failureCode: 'service_request_failed' });
    expect(r.left.message).toContain('code=000');
  });
  it('is invalid_transport_payload when an answer comes but is not usable', async () => {
    const { url: upstream } = await start('running');
    const url = await bare((req, res) => {
      if (req.url?.startsWith('/ops/snapshot')) {
        raw(`${upstream}${req.url}`, { headers: auth }).then((up) => res.end(JSON.stringify(up.json)));
        return;
      }
      res.end(JSON.stringify({ ok: true, events: 'none', cursor: {} }));
    });
    const r = await fetchLoop(over(url), fetchReq('running'), collectEnvelopes);
    expect(r).toEqual(
      E.left({
        reason: 'invalid_transport_payload',
        failureCode: 'service_response_invalid',
        message: 'service /ops/events response shape invalid',
        httpStatus: null,
      }),
    );
    const garbage = await bare((_req, res) => res.end('<html>'));
    expect(await fetchLoop(over(garbage), fetchReq('running'), collectEnvelopes)).toMatchObject(
      E.left({ reason: 'invalid_transport_payload', failureCode: 'service_response_invalid' }),
    );
  });
  it('is snapshot_unavailable on the local transport when the loop has no events log', async () => {
    const r = await fetchLoop({ mode: 'local' }, fetchReq('missing-loop'), collectEnvelopes);
    expect(r).toMatchObject(E.left({ reason: 'transport_unreachable', failureCode: 'snapshot_unavailable' }));
  });
});

describe('opsfold service', () => {
  const cmd = (onListening?: (s: RunningService) => void) => [makeService({ sleep, onListening })];
  it('refuses to start without a token unless --insecure-no-auth', async () => {
    const r = await runCaptured(cmd(), ['service', '--repo', 'running', '--port', '0'], {
      cwd: fx.work,
      env: {},
      now: () => t,
    });
    expect([r.code, r.stderr.split('\n')[0]]).toEqual([
      64,
      'error: refusing to start without a service token',
    ]);
    const unset = await runCaptured(cmd(), ['service', '--repo', 'running', '--service-token-env', 'NOPE'], {
      cwd: fx.work,
      env: {},
      now: () => t,
    });
    expect([unset.code, unset.stderr.split('\n')[0]]).toEqual([
      64,
      'error: --service-token-env NOPE: the environment variable is unset or empty',
    ]);
  });
  it('serves without a token only with --insecure-no-auth', async () => {
    let status = 0;
    const r = await runCaptured(
      cmd((s) => {
        raw(`${s.url}/healthz`).then((h) => {
          status = h.status;
          void s.close();
        });
      }),
      ['service', '--repo', 'running', '--port', '0', '--insecure-no-auth'],
      { cwd: fx.work, env: {}, now: () => t },
    );
    expect([r.code, status]).toEqual([0, 200]);
    expect(r.stderr).toContain('note: serving without authentication');
  });
  it('serves with the token from the environment until closed', async () => {
    let status = 0;
    const r = await runCaptured(
      cmd((s) => {
        raw(`${s.url}/healthz`, { headers: { Authorization: `Bearer ${TOKEN}` } }).then((h) => {
          status = h.status;
          void s.close();
        });
      }),
      ['service', '--repo', 'running', '--port', '0', '--service-token-env', 'OPS_TOKEN'],
      { cwd: fx.work, env: { OPS_TOKEN: TOKEN }, now: () => t },
    );
    expect([r.code, status]).toEqual([0, 200]);
    expect(r.stdout).toMatch(/^ops-manager sprite service listening on http:\/\/127\.0\.0\.1:\d+\n$/);
  });
});
