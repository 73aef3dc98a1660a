// opsfold alerts sink-config on real files: precedence, fail-closed validation with the reference's
// error lines and exit codes, the secret env check and its bypass.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCaptured } from '../cli/capture.js';
import { commands } from '../commands.js';
import { defaultConfigPath } from './load-config.js';

let work = '';
const run = (env: Record<string, string>, ...argv: string[]) =>
  runCaptured(commands, ['alerts', 'sink-config', ...argv], { cwd: work, env, now: () => 0 });

const enabledWebhook = {
  schemaVersion: 'v1',
  defaultMinSeverity: 'warning',
  sinks: {
    'webhook-a': {
      enabled: true,
      type: 'webhook',
      urlEnv: 'OPS_MANAGER_TEST_WEBHOOK_URL',
      timeoutSeconds: 5,
    },
  },
  routing: {
    defaultSinks: ['webhook-a'],
    categorySeverity: { health_degraded: 'warning' },
    routes: [{ category: 'health_degraded', sinks: ['webhook-a'], minSeverity: 'warning', enabled: true }],
  },
};
const write = (name: string, value: unknown) => {
  writeFileSync(join(work, name), typeof value === 'string' ? value : JSON.stringify(value, null, 2));
  return name;
};

beforeEach(() => {
  work = mkdtempSync(join(tmpdir(), 'opsfold-sinks-'));
});
afterEach(() => rmSync(work, { recursive: true, force: true }));

describe('given no config flag and no env var', () => {
  it('resolves the shipped catalog: three disabled sinks, default minimum warning', async () => {
    const r = await run({});
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout);
    expect([out.sourceFile, out.defaultMinSeverity, out.enabledSinkCount]).toEqual([
      defaultConfigPath(),
      'warning',
      0,
    ]);
    expect(out.sinks.map((s: { id: string }) => s.id)).toEqual([
      'webhook-default',
      'slack-default',
      'pagerduty-default',
    ]);
  });

  it('lists the sinks as id, type and enabled', async () => {
    const r = await run({}, '--list-sinks');
    expect(r.stdout).toBe(
      'webhook-default\twebhook\tfalse\nslack-default\tslack\tfalse\npagerduty-default\tpagerduty_events\tfalse\n',
    );
  });
});

describe('precedence', () => {
  it('takes OPS_MANAGER_ALERT_SINKS_FILE when --config-file is omitted, and the flag over the env var', async () => {
    const envFile = write('env.json', { ...enabledWebhook, defaultMinSeverity: 'critical' });
    const flagFile = write('flag.json', { ...enabledWebhook, defaultMinSeverity: 'info' });
    const byEnv = await run({ OPS_MANAGER_ALERT_SINKS_FILE: envFile }, '--no-env-check');
    expect([JSON.parse(byEnv.stdout).sourceFile, JSON.parse(byEnv.stdout).defaultMinSeverity]).toEqual([
      envFile,
      'critical',
    ]);
    const byFlag = await run(
      { OPS_MANAGER_ALERT_SINKS_FILE: envFile },
      '--config-file',
      flagFile,
      '--no-env-check',
    );
    expect(JSON.parse(byFlag.stdout).defaultMinSeverity).toBe('info');
  });
});

describe('when an enabled sink secret env var is missing', () => {
  it('fails closed with the reference line (exit 1), and passes with --no-env-check', async () => {
    const f = write('c.json', enabledWebhook);
    const r = await run({}, '--config-file', f);
    expect([r.code, r.stderr.split('\n')[0]]).toEqual([
      1,
      'error: enabled sink secret env var(s) are unset: OPS_MANAGER_TEST_WEBHOOK_URL',
    ]);
    const bypass = await run({}, '--config-file', f, '--no-env-check');
    expect(bypass.code).toBe(0);
    expect(JSON.parse(bypass.stdout).validation).toEqual({ envCheckEnabled: false });
  });
});

describe('resolving a category', () => {
  const env = { OPS_MANAGER_TEST_WEBHOOK_URL: 'https://example.test/webhook-secret-path' };
  it('dispatches to the route sink when the severity clears the minimum, and never prints the secret', async () => {
    const f = write('c.json', enabledWebhook);
    const r = await run(env, '--config-file', f, '--category', 'health_degraded', '--severity', 'warning');
    const out = JSON.parse(r.stdout);
    expect([out.shouldDispatch, out.dispatchableSinks.map((s: { id: string }) => s.id)]).toEqual([
      true,
      ['webhook-a'],
    ]);
    expect(out.envStatus).toEqual({ OPS_MANAGER_TEST_WEBHOOK_URL: { present: true } });
    expect(r.stdout).not.toContain('webhook-secret-path');
  });

  it('does not dispatch below the minimum', async () => {
    const f = write('c.json', enabledWebhook);
    const out = JSON.parse(
      (await run(env, '--config-file', f, '--category', 'health_degraded', '--severity', 'info')).stdout,
    );
    expect([out.shouldDispatch, out.dispatchableSinks]).toEqual([false, []]);
  });

  it('skips a disabled route and falls back to the default sinks', async () => {
    const routes = [{ category: 'health_degraded', sinks: [], minSeverity: 'critical', enabled: false }];
    const f = write('c.json', { ...enabledWebhook, routing: { ...enabledWebhook.routing, routes } });
    const out = JSON.parse((await run(env, '--config-file', f, '--category', 'health_degraded')).stdout);
    expect([out.minSeverity, out.shouldDispatch, 'route' in out]).toEqual(['warning', true, false]);
  });
});

describe('fail-closed validation', () => {
  it.each([
    ['a missing file', () => 'nope.json', 'error: alert sink config file not found: nope.json'],
    [
      'invalid JSON',
      () => write('bad.json', '{"schemaVersion": '),
      'error: invalid alert sink config JSON: bad.json',
    ],
    [
      'a bad top level',
      () => write('s.json', { schemaVersion: 'v2' }),
      'error: alert sink config has invalid top-level shape',
    ],
    [
      'a bad sink',
      () => write('k.json', { ...enabledWebhook, sinks: { a: { enabled: true, type: 'email' } } }),
      'error: alert sink config sink definitions are invalid',
    ],
    [
      'bad routing',
      () =>
        write('r.json', {
          ...enabledWebhook,
          routing: { ...enabledWebhook.routing, defaultSinks: ['nope'] },
        }),
      'error: alert sink config routing is invalid',
    ],
  ])('%s exits 1 with the reference line', async (_n, make, line) => {
    const r = await run({}, '--config-file', make(), '--no-env-check');
    expect([r.code, r.stderr.split('\n')[0]]).toEqual([1, line]);
  });

  it('names the place of a JSON error as file:line:byte on the next line', async () => {
    const r = await run({}, '--config-file', write('bad.json', '{\n  "a": ,\n}'));
    expect(r.stderr.split('\n')[1]).toMatch(/^ {2}bad\.json:2:\d+: /);
  });
});

describe('flag misuse is a usage error (exit 64) with the reference wording', () => {
  it.each([
    [['--severity', 'warning'], 'error: --severity requires --category'],
    [['--category', 'x', '--severity', 'loud'], 'error: --severity must be one of: info, warning, critical'],
    [['--list-sinks', '--category', 'x'], 'error: --list-sinks cannot be combined with --category'],
  ])('%j', async (argv, line) => {
    const r = await run({}, ...argv);
    expect([r.code, r.stderr.split('\n')[0]]).toEqual([64, line]);
  });
});
