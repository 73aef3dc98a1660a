// alerts dispatch when things go wrong around it: a crash mid-pass, a sink that never recovers, a log
// still being written, a lock held by another run, a cursor the file no longer matches; and the promise
// that no secret reaches any file dispatch writes or any line it prints.
import {
  appendFileSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { nodeSeam, type WriteSeam } from '../../lib/io/fs-seam.js';
import { withLock } from '../../lib/io/lock.js';
import { runCaptured } from '../cli/capture.js';
import { commands } from '../commands.js';
import { runDispatch, type DispatchOptions } from './dispatch.js';
import { startReceiver, type Receiver } from './receiver.js';

const asOf = '2026-02-22T12:00:00Z';
const LOOP = 'demo-loop';
let work = '';
let rx: Receiver;

const ops = () => join(work, 'repo', '.superloop', 'ops-manager', LOOP);
const statePath = () => join(ops(), 'alert-dispatch-state.json');
const secrets = () => ({
  HOOK_URL: `${rx.url}/hook/secret-hook-path-123`,
  HOOK_TOKEN: 'tok-abcdef-0123456789',
  PD_KEY: 'pd-routing-key-0123456789',
});

const catalog = () =>
  writeFileSync(
    join(work, 'sinks.json'),
    JSON.stringify({
      schemaVersion: 'v1',
      defaultMinSeverity: 'warning',
      sinks: {
        hook: {
          enabled: true,
          type: 'webhook',
          urlEnv: 'HOOK_URL',
          authTokenEnv: 'HOOK_TOKEN',
          timeoutSeconds: 1,
        },
        pager: {
          enabled: true,
          type: 'pagerduty_events',
          routingKeyEnv: 'PD_KEY',
          eventsUrl: `${rx.url}/pd`,
          timeoutSeconds: 1,
        },
      },
      routing: {
        defaultSinks: ['hook'],
        categorySeverity: {},
        routes: [{ category: 'health_critical', sinks: ['pager', 'hook'], minSeverity: 'critical' }],
      },
    }),
  );

const row = (i: number, category = 'health_degraded') =>
  JSON.stringify({
    timestamp: `2026-02-22T11:0${i}:00Z`,
    loopId: LOOP,
    category,
    severity: category === 'health_critical' ? 'critical' : 'warning',
  });
const escalate = (text: string) => {
  mkdirSync(ops(), { recursive: true });
  appendFileSync(join(ops(), 'escalations.jsonl'), text);
};

const options = (extra: Partial<DispatchOptions> = {}): DispatchOptions => ({
  cwd: work,
  env: secrets(),
  now: () => Date.parse(asOf),
  asOf,
  repo: 'repo',
  loopId: LOOP,
  alertConfigFile: 'sinks.json',
  traceId: 'trace-fixed',
  retryAttempts: 1,
  sleep: async () => undefined,
  ...extra,
});
const lines = (file: string): Record<string, unknown>[] =>
  readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as Record<string, unknown>);
const telemetry = () => lines(join(ops(), 'telemetry', 'alerts.jsonl'));
const cli = (env: Record<string, string>, ...argv: string[]) =>
  runCaptured(
    commands,
    ['alerts', 'dispatch', '--repo', 'repo', '--loop', LOOP, '--alert-config-file', 'sinks.json', ...argv],
    {
      cwd: work,
      env,
      now: () => Date.parse(asOf),
    },
  );

beforeEach(async () => {
  work = mkdtempSync(join(tmpdir(), 'opsfold-dispatch-rec-'));
  mkdirSync(join(work, 'repo'));
  rx = await startReceiver();
  catalog();
});
afterEach(async () => {
  await rx.close();
  rmSync(work, { recursive: true, force: true });
});

describe('when a run crashes after its deliveries but before its state is written', () => {
  it('the re-run sends nothing already acknowledged, does not report finished rows twice, and counts them as recovered', async () => {
    escalate(`${row(1)}\n${row(2, 'health_critical')}\n`);
    const failingState: WriteSeam = {
      ...nodeSeam,
      rename: (from, to) =>
        to.endsWith('alert-dispatch-state.json')
          ? Promise.reject(new Error('EIO'))
          : nodeSeam.rename(from, to),
    };
    await expect(runDispatch(options({ seam: failingState }))).rejects.toThrow(/alert-dispatch-state\.json/);
    expect(rx.received).toHaveLength(3);
    const telemetryBefore = telemetry().length;
    const { state } = await runDispatch(options());
    expect(rx.received).toHaveLength(3);
    expect(telemetry()).toHaveLength(telemetryBefore);
    expect(state).toMatchObject({
      status: 'success',
      processedCount: 2,
      dispatchedCount: 2,
      recoveredCount: 2,
      escalationsLineOffset: 2,
    });
  });
});

describe('given a sink that keeps failing', () => {
  it('retries the row on each run until --max-delivery-runs, then abandons it and stops', async () => {
    escalate(`${row(1)}\n`);
    rx.answer = () => 503;
    const runs = [];
    for (let i = 0; i < 4; i += 1) runs.push((await runDispatch(options({ maxDeliveryRuns: 3 }))).state);
    expect(rx.received).toHaveLength(3);
    expect(runs.map((s) => s.retry)).toMatchObject([
      { rows: 0, pending: 1, abandoned: 0 },
      { rows: 1, failed: 1, pending: 1, abandoned: 0 },
      { rows: 1, failed: 1, pending: 0, abandoned: 1 },
      { rows: 0, pending: 0, abandoned: 0 },
    ]);
    expect(telemetry().map((l) => [l['deliveryRun'], l['retryPending']])).toEqual([
      [1, true],
      [2, true],
      [3, false],
    ]);
    expect(runs[3]?.status).toBe('no_new_escalations');
  });
});

describe('when the last line of escalations.jsonl is still being written', () => {
  it('is not consumed, not counted, and is dispatched once its newline lands', async () => {
    const full = row(1);
    escalate(full.slice(0, 20));
    const first = (await runDispatch(options())).state;
    expect([
      first.status,
      first.escalationsLineOffset,
      first.escalationsLineCount,
      rx.received.length,
    ]).toEqual(['no_new_escalations', 0, 0, 0]);
    escalate(`${full.slice(20)}\n`);
    const second = (await runDispatch(options())).state;
    expect([second.status, second.escalationsLineOffset, rx.received.length]).toEqual(['success', 1, 1]);
  });
});

describe('when there is no escalations file yet', () => {
  it('reports no_source and keeps the previous cursor', async () => {
    const { state } = await runDispatch(options());
    expect(state).toMatchObject({
      status: 'no_source',
      processedCount: 0,
      escalationsLineOffset: 0,
      escalationsLineCount: 0,
    });
    expect(JSON.parse(readFileSync(statePath(), 'utf8'))).toEqual(state);
  });
});

describe('resuming from a cursor', () => {
  it('written by the reference (line offset only): finds the byte offset by counting lines', async () => {
    escalate(`${row(1)}\n${row(2)}\n`);
    writeFileSync(statePath(), JSON.stringify({ schemaVersion: 'v1', escalationsLineOffset: 1 }));
    const { state } = await runDispatch(options());
    expect([state.processedCount, state.escalationsLineOffset, rx.received.length]).toEqual([1, 2, 1]);
    expect(JSON.parse(rx.received[0]!.body).escalation.timestamp).toBe('2026-02-22T11:02:00Z');
  });

  it('whose bytes changed under it: resumes by line count and says so', async () => {
    escalate(`${row(1)}\n`);
    await runDispatch(options());
    writeFileSync(join(ops(), 'escalations.jsonl'), `${row(3)}\n${row(4)}\n`);
    const r = await runDispatch(options());
    expect(r.notes.join('\n')).toMatch(/changed under the byte cursor/);
    expect([r.state.processedCount, JSON.parse(rx.received[1]!.body).escalation.timestamp]).toEqual([
      1,
      '2026-02-22T11:04:00Z',
    ]);
  });

  it('ahead of the file: exits 1 with the reference line', async () => {
    escalate(`${row(1)}\n`);
    writeFileSync(statePath(), JSON.stringify({ escalationsLineOffset: 5 }));
    const r = await cli(secrets(), '--as-of', asOf);
    expect([r.code, r.stderr.split('\n')[0]]).toEqual([
      1,
      'error: dispatch state offset is ahead of escalation file: 5 > 1',
    ]);
  });

  it('that is not JSON: exits 1 with the reference line and the place of the error', async () => {
    escalate(`${row(1)}\n`);
    writeFileSync(statePath(), '{"escalationsLineOffset": ');
    const r = await cli(secrets());
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(
      /^error: invalid dispatch state JSON: .*alert-dispatch-state\.json\n {2}.*:1:\d+: /,
    );
  });
});

describe('a pending row whose content changed before its retry', () => {
  it('is abandoned with a note instead of sending the new content under the old row’s key', async () => {
    escalate(`${row(1)}\n`);
    rx.answer = () => 500;
    await runDispatch(options());
    writeFileSync(join(ops(), 'escalations.jsonl'), `${row(7)}\n`);
    rx.answer = () => 200;
    const r = await runDispatch(options());
    expect(r.notes.join('\n')).toMatch(/the row changed since it failed/);
    expect(r.state.retry).toMatchObject({ abandoned: 1, pending: 0 });
    expect(rx.received.filter((x) => x.answer === 200)).toHaveLength(0);
  });
});

describe('the CLI', () => {
  it('prints the state it wrote; --pretty indents it', async () => {
    escalate(`${row(1)}\n`);
    const r = await cli(secrets(), '--as-of', asOf, '--trace-id', 'trace-fixed', '--pretty');
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout.startsWith('{\n  ')).toBe(true);
    expect(JSON.parse(r.stdout)).toEqual(JSON.parse(readFileSync(statePath(), 'utf8')));
  });

  it('refuses a bad count as a usage error', async () => {
    const r = await cli({}, '--max-escalations', 'two');
    expect([r.code, r.stderr.split('\n')[0]]).toEqual([
      64,
      'error: --max-escalations must be a non-negative integer',
    ]);
  });

  it('exits 75 while another dispatch of the loop holds the lock', async () => {
    escalate(`${row(1)}\n`);
    mkdirSync(ops(), { recursive: true });
    const r = await withLock(statePath(), { waitMs: 0 }, () => cli(secrets()));
    expect(r.code).toBe(75);
    expect(rx.received).toHaveLength(0);
  });
});

describe('secrets', () => {
  const walk = (dir: string): string[] =>
    readdirSync(dir).flatMap((n) => {
      const p = join(dir, n);
      return statSync(p).isDirectory() ? walk(p) : [p];
    });

  it('appear in no file dispatch writes and in nothing it prints, whatever the sinks answer', async () => {
    const env = { ...secrets(), OPS_MANAGER_ALERT_SLACK_WEBHOOK_URL: 'unused' };
    escalate(`${row(1, 'health_critical')}\n${row(2)}\n${row(3, 'health_critical')}\n`);
    // A hostile receiver echoes everything it was sent, in its error body and in a success body.
    let n = 0;
    rx.answer = (path, body, headers) => {
      n += 1;
      return { status: n % 2 === 0 ? 200 : 500, body: `${headers['authorization']} ${path} ${body}` };
    };
    const first = await cli(env, '--as-of', asOf);
    rx.answer = () => 'hang';
    const second = await cli({ ...env, PD_KEY: '' }, '--as-of', asOf, '--retry-attempts', '1');
    const written = walk(work).filter((f) => !f.endsWith('sinks.json'));
    expect(written.some((f) => f.includes('.opsfold'))).toBe(true);
    const texts = [
      ...written.map((f) => readFileSync(f, 'utf8')),
      first.stdout,
      first.stderr,
      second.stdout,
      second.stderr,
    ];
    const forbidden = [...Object.values(secrets()), 'secret-hook-path-123'];
    for (const text of texts) for (const s of forbidden) expect(text).not.toContain(s);
    expect(telemetry().some((l) => JSON.stringify(l).includes('[redacted]'))).toBe(true);
  });
});
