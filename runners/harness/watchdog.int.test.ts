// The watchdog's delivery edge: only ESCALATE reaches a sink (a command or a webhook), a failed delivery
// is recorded, exits 1 and is retried by later cycles with the same key, and --fail-on-escalate turns an
// ESCALATE into exit 2.
import { createServer, type Server } from 'node:http';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { commands } from '../commands.js';
import { runCaptured } from '../cli/capture.js';
import { startReceiver } from '../alerts/receiver.js';

let root = '';
const env = { HOOK_TOKEN: 'secret-token' };
const run = (...argv: string[]) => runCaptured(commands, argv, { cwd: root, env, now: () => 0 });
const put = (rel: string, text: string, at = '2026-05-29T09:00:00+09:00') => {
  const file = join(root, rel);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, text);
  utimesSync(file, new Date(at), new Date(at));
};
const cycle = (at: string, ...extra: string[]) =>
  run(
    'harness',
    'watchdog',
    '--root',
    root,
    '--sessions-file',
    join(root, 'none.json'),
    '--as-of',
    at,
    ...extra,
  );

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'opsfold-watchdog-'));
  writeFileSync(join(root, 'none.json'), '{"processes":[]}');
  put(
    'memory/task-timers.json',
    JSON.stringify({ tasks: { 'task-2801': { status: 'pending', critical: true } } }),
  );
  put('memory/events/task-2801.task-md-sha-decision.json', '{}');
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

describe('harness watchdog delivery', () => {
  it('posts ESCALATE to the webhook with the token from the env, and nothing for WARN', async () => {
    const got: { body: string; auth: string | undefined }[] = [];
    const server: Server = createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => {
        got.push({ body, auth: req.headers.authorization });
        res.end('ok');
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const port = (server.address() as { port: number }).port;
    put(
      'harness.config.json',
      JSON.stringify({ sink: { webhook: `http://127.0.0.1:${port}/x`, token_env: 'HOOK_TOKEN' } }),
    );
    try {
      const first = await cycle('2026-05-29T09:50:00+09:00');
      expect([first.code, JSON.parse(first.stdout).decisions[0].alert_class, got.length]).toEqual([
        0,
        'WARN',
        0,
      ]);
      const second = await cycle('2026-05-29T09:55:00+09:00', '--fail-on-escalate');
      expect(second.code, second.stderr).toBe(2);
      expect(got).toHaveLength(1);
      expect(got[0]!.auth).toBe('Bearer secret-token');
      expect(JSON.parse(got[0]!.body)).toMatchObject({ task_id: 'task-2801', consecutive_silent: 2 });
      const log = readFileSync(join(root, 'memory', 'harness', 'watchdog.jsonl'), 'utf8');
      expect(log).toContain('"kind":"watchdog_delivery"');
      expect(log).not.toContain('secret-token');
    } finally {
      server.close();
    }
  });
  it('given a webhook that fails, when later cycles run, then the ESCALATE is retried with the same Idempotency-Key until acknowledged, then never again', async () => {
    const got: { key: string | undefined; body: string }[] = [];
    let up = false;
    const server: Server = createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => {
        got.push({ key: req.headers['idempotency-key'] as string | undefined, body });
        res.statusCode = up ? 200 : 503;
        res.end();
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const port = (server.address() as { port: number }).port;
    put('harness.config.json', JSON.stringify({ sink: { webhook: `http://127.0.0.1:${port}/x` } }));
    const marker = join(root, 'memory', 'events', 'task-2801.escalate');
    try {
      await cycle('2026-05-29T09:50:00+09:00');
      const failed = await cycle('2026-05-29T09:55:00+09:00');
      expect([failed.code, existsSync(marker)]).toEqual([1, false]);
      const again = await cycle('2026-05-29T10:00:00+09:00');
      expect([again.code, JSON.parse(again.stdout).decisions[0].alert_class, existsSync(marker)]).toEqual([
        1,
        'WARN',
        false,
      ]);
      up = true;
      const acked = await cycle('2026-05-29T10:05:00+09:00');
      expect(acked.code, acked.stderr).toBe(0);
      expect(JSON.parse(readFileSync(marker, 'utf8'))).toMatchObject({
        idempotency_key: 'harness-escalate:task-2801:2',
      });
      expect((await cycle('2026-05-29T10:10:00+09:00')).code).toBe(0);
      expect(got.map((g) => g.key)).toEqual(Array(3).fill('harness-escalate:task-2801:2'));
      expect(new Set(got.map((g) => g.body)).size).toBe(1);
    } finally {
      server.close();
    }
  });
  it('routes ESCALATE through the alert sink catalog when one is configured, and nothing for WARN', async () => {
    const receiver = await startReceiver();
    try {
      put(
        'sinks.json',
        JSON.stringify({
          schemaVersion: 'v1',
          defaultMinSeverity: 'warning',
          sinks: { hook: { enabled: true, type: 'webhook', urlEnv: 'HOOK_URL', timeoutSeconds: 5 } },
          routing: {
            defaultSinks: ['hook'],
            categorySeverity: { harness_escalation: 'critical' },
            routes: [],
          },
        }),
      );
      put('harness.config.json', JSON.stringify({ sink: { alert_config_file: 'sinks.json' } }));
      const hooked = (at: string) =>
        runCaptured(
          commands,
          ['harness', 'watchdog', '--root', root, '--sessions-file', join(root, 'none.json'), '--as-of', at],
          { cwd: root, env: { HOOK_URL: `${receiver.url}/hook` }, now: () => 0 },
        );
      await hooked('2026-05-29T09:50:00+09:00');
      expect(receiver.received).toHaveLength(0);
      const r = await hooked('2026-05-29T09:55:00+09:00');
      expect(r.code, r.stderr).toBe(0);
      expect(receiver.received).toHaveLength(1);
      const body = JSON.parse(receiver.received[0]!.body) as { event: unknown; escalation: unknown };
      expect(body.event).toMatchObject({ category: 'harness_escalation', severity: 'critical' });
      expect(body.escalation).toMatchObject({ task_id: 'task-2801', consecutive_silent: 2 });
      expect(JSON.parse(r.stdout).deliveries).toEqual([
        expect.objectContaining({ ok: true, sink: 'alert_sinks', detail: 'hook success' }),
      ]);
    } finally {
      await receiver.close();
    }
  });
  it('a failing sink command is recorded and exits 1, and no .escalate marker is written', async () => {
    put(
      'harness.config.json',
      JSON.stringify({ sink: { command: ['node', '-e', 'console.error("chat down"); process.exit(3)'] } }),
    );
    await cycle('2026-05-29T09:50:00+09:00');
    const r = await cycle('2026-05-29T09:55:00+09:00');
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('error: ESCALATE not delivered for task-2801');
    expect(r.stderr).toContain('command: exit 3: chat down');
    expect(JSON.parse(r.stdout).deliveries).toEqual([
      expect.objectContaining({ ok: false, sink: 'command' }),
    ]);
  });
  it('with no sink configured an ESCALATE is reported undelivered', async () => {
    await cycle('2026-05-29T09:50:00+09:00');
    const r = await cycle('2026-05-29T09:55:00+09:00');
    expect([r.code, r.stderr]).toEqual([1, expect.stringContaining('no sink configured')]);
  });
  it('--no-observe decides from the recorded observations only', async () => {
    await cycle('2026-05-29T09:50:00+09:00');
    put('memory/events/task-2801.done', '', '2026-05-29T09:54:00+09:00');
    const r = await run(
      'harness',
      'watchdog',
      '--root',
      root,
      '--no-observe',
      '--as-of',
      '2026-05-29T09:55:00+09:00',
    );
    expect(JSON.parse(r.stdout).decisions[0]).toMatchObject({ cycle: 2, status: 'silently_stalled' });
  });
  it('a task whose timer was already terminal when last observed is not observed again', async () => {
    put('memory/task-timers.json', JSON.stringify({ tasks: { 'task-2702': { status: 'completed' } } }));
    await cycle('2026-05-29T09:50:00+09:00');
    await cycle('2026-05-29T09:55:00+09:00');
    const lines = readFileSync(join(root, 'memory', 'harness', 'observations.jsonl'), 'utf8')
      .trim()
      .split('\n');
    expect(lines.map((l) => JSON.parse(l).task_id)).toEqual(['task-2702', 'task-2801', 'task-2801']);
  });
});
