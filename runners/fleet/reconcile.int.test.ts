// fleet registry and fleet reconcile on real fixture fleets: the healthy fleet, a partial failure
// (a loop without runtime artifacts, a disabled loop), a sprite_service loop served by the loop
// manager's own service, fail-closed registries, the fleet lock.
import { writeFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { withLock } from '../../lib/io/lock.js';
import { startService, type RunningService } from '../loop/transport/server.js';
import { builtinExecutor } from '../loop/transport/executor.js';
import { tokenAuth } from '../loop/transport/token.js';
import { AS_OF, fleetFile, jsonl, useKit, pick, readJson } from './fleet-test-kit.js';
import { fleetLockTarget, fleetPaths } from './paths.js';

const kit = useKit();

const reconcile = (repo: string, ...rest: string[]) =>
  kit.json(['fleet', 'reconcile', '--repo', repo, '--as-of', AS_OF, '--deterministic-order', ...rest]);
const results = (s: Record<string, unknown>) => s['results'] as Record<string, unknown>[];

describe('given the healthy fleet', () => {
  it('every loop reconciles healthy: status success, no reason code, state and telemetry written', async () => {
    const repo = kit.fixture('healthy');
    const s = await reconcile(repo, '--trace-id', 'trace-healthy-1', '--max-parallel', '3');
    expect(s).toMatchObject({
      status: 'success',
      reasonCodes: [],
      loopCount: 3,
      successCount: 3,
      failedCount: 0,
      skippedCount: 0,
    });
    expect(results(s).map((r) => [r['loopId'], r['healthStatus'], r['traceId']])).toEqual([
      ['loop-alpha', 'healthy', 'trace-healthy-1-loop-alpha'],
      ['loop-beta', 'healthy', 'trace-healthy-1-loop-beta'],
      ['loop-gamma', 'healthy', 'trace-healthy-1-loop-gamma'],
    ]);
    expect(readJson(fleetFile(repo, 'state.json'))).toEqual(s);
    expect(jsonl(fleetFile(repo, 'telemetry', 'reconcile.jsonl'))).toMatchObject([
      { category: 'fleet_reconcile', traceId: 'trace-healthy-1', status: 'success' },
    ]);
    expect(readJson(`${repo}/.superloop/ops-manager/loop-beta/health.json`)).toMatchObject({
      status: 'healthy',
      traceId: 'trace-healthy-1-loop-beta',
    });
  });

  it('the registry normalizes with defaults and keeps loop metadata', async () => {
    const repo = kit.fixture('healthy');
    const r = await kit.json(['fleet', 'registry', '--repo', repo, '--loop', 'loop-gamma', '--as-of', AS_OF]);
    expect(r).toMatchObject({
      fleetId: 'build-fleet',
      loopCount: 1,
      loops: [{ loopId: 'loop-gamma', enabled: true, metadata: { team: 'web' } }],
    });
    const missing = await kit.run(['fleet', 'registry', '--repo', repo, '--loop', 'loop-zeta']);
    expect([missing.code, missing.stderr]).toEqual([1, 'error: loop not found in registry: loop-zeta\n']);
  });

  it('two deterministic runs list the loops in the same order whatever the registry order', async () => {
    const repo = kit.fixture('healthy');
    const reg = fleetFile(repo, 'registry.v1.json');
    const raw = readJson(reg);
    writeFileSync(reg, JSON.stringify({ ...raw, loops: [...(raw['loops'] as unknown[])].reverse() }));
    const a = await reconcile(repo, '--trace-id', 'order-1');
    const b = await reconcile(repo, '--trace-id', 'order-2');
    expect(results(a).map((r) => r['loopId'])).toEqual(['loop-alpha', 'loop-beta', 'loop-gamma']);
    expect(results(b).map((r) => r['loopId'])).toEqual(results(a).map((r) => r['loopId']));
  });
});

describe('given the partial-failure fleet', () => {
  it('one loop fails (transport_unreachable), one is skipped (loop_disabled): partial_failure', async () => {
    const repo = kit.fixture('partial-failure');
    const s = await reconcile(repo, '--trace-id', 'trace-partial-1');
    expect(s).toMatchObject({
      status: 'partial_failure',
      reasonCodes: ['fleet_health_degraded', 'fleet_loop_skipped', 'fleet_partial_failure'],
      successCount: 2,
      failedCount: 1,
      skippedCount: 1,
    });
    const byLoop = Object.fromEntries(results(s).map((r) => [r['loopId'], r]));
    expect(byLoop['loop-gamma']).toMatchObject({
      status: 'failed',
      reasonCode: 'transport_unreachable',
      healthReasonCodes: ['transport_unreachable'],
    });
    expect(String(byLoop['loop-gamma']?.['outputExcerpt'])).toContain('error: reconcile failed');
    expect(byLoop['loop-delta']).toMatchObject({
      status: 'skipped',
      reasonCode: 'loop_disabled',
      enabled: false,
    });
    expect(byLoop['loop-beta']).toMatchObject({
      status: 'success',
      healthStatus: 'degraded',
      healthReasonCodes: ['runtime_heartbeat_stale'],
    });
    expect(jsonl(fleetFile(repo, 'telemetry', 'reconcile.jsonl')).at(-1)).toMatchObject({
      traceId: 'trace-partial-1',
      status: 'partial_failure',
    });
  });

  it('the trace id comes from OPS_MANAGER_TRACE_ID when no --trace-id is given', async () => {
    const repo = kit.fixture('partial-failure');
    const s = await kit.json(['fleet', 'reconcile', '--repo', repo, '--as-of', AS_OF], {
      OPS_MANAGER_TRACE_ID: 'env-trace',
    });
    expect(s['traceId']).toBe('env-trace');
  });
});

describe('given a fleet with a sprite_service loop', () => {
  let svc: RunningService | null = null;
  afterEach(async () => {
    await svc?.close();
    svc = null;
  });

  it('it reconciles over the service with the token named by tokenEnv, and fails as missing_service_token_env without it', async () => {
    const local = kit.fixture('healthy');
    const remote = kit.fixture('partial-failure');
    svc = await startService({
      repo: local,
      stateDir: undefined,
      host: '127.0.0.1',
      port: 0,
      auth: tokenAuth('fleet-test-token'),
      maxBodyBytes: 4096,
      now: () => Date.parse(AS_OF),
      sleep: async () => undefined,
      executorFor: (p) => builtinExecutor(p),
      defaultBy: 'svc',
      timeoutSeconds: 0,
      intervalSeconds: 2,
    });
    writeFileSync(
      fleetFile(remote, 'registry.v1.json'),
      JSON.stringify({
        schemaVersion: 'v1',
        fleetId: 'mixed',
        loops: [
          { loopId: 'loop-alpha', transport: 'local' },
          {
            loopId: 'loop-beta',
            transport: 'sprite_service',
            service: { baseUrl: svc.url, tokenEnv: 'FLEET_TEST_TOKEN', retryBackoffSeconds: 0 },
          },
        ],
      }),
    );
    const s = await reconcile(remote, '--trace-id', 'parity-1');
    expect(results(s).map((r) => [r['loopId'], r['transport'], r['status']])).toEqual([
      ['loop-alpha', 'local', 'success'],
      ['loop-beta', 'sprite_service', 'failed'],
    ]);
    expect(results(s)[1]).toMatchObject({ reasonCode: 'missing_service_token_env' });
    const ok = await kit.json(
      [
        'fleet',
        'reconcile',
        '--repo',
        remote,
        '--as-of',
        AS_OF,
        '--deterministic-order',
        '--trace-id',
        'parity-2',
      ],
      { FLEET_TEST_TOKEN: 'fleet-test-token' },
    );
    expect(results(ok)[1]).toMatchObject({
      loopId: 'loop-beta',
      transport: 'sprite_service',
      status: 'success',
      healthStatus: 'healthy',
    });
    expect(JSON.stringify(ok)).not.toContain('fleet-test-token');
  });
});

describe('given a registry the reference could not read', () => {
  it.each([
    ['loops that are not an array', { schemaVersion: 'v1', loops: 'loop-a' }, '- loops must be an array'],
    [
      'a non-object transport',
      { schemaVersion: 'v1', loops: [{ loopId: 'a', transport: { kind: 'local' } }] },
      '- loops[0]: transport must be local or sprite_service',
    ],
    [
      'a string loop entry',
      { schemaVersion: 'v1', loops: ['loop-a'] },
      '- loops[0]: entry must be an object',
    ],
  ])('with %s every fleet command fails closed with an error: line', async (_what, doc, detail) => {
    const repo = kit.fixture('healthy');
    writeFileSync(fleetFile(repo, 'registry.v1.json'), JSON.stringify(doc));
    for (const cmd of ['registry', 'reconcile']) {
      const r = await kit.run(['fleet', cmd, '--repo', repo, '--as-of', AS_OF]);
      expect(r.code).toBe(1);
      expect(r.stderr.split('\n')[0]).toBe(
        `error: invalid fleet registry: ${fleetFile(repo, 'registry.v1.json')}`,
      );
      expect(r.stderr).toContain(detail);
    }
  });

  it('unparsable JSON names the file, line and byte', async () => {
    const repo = kit.fixture('healthy');
    writeFileSync(fleetFile(repo, 'registry.v1.json'), '{"schemaVersion": "v1",\n  "loops": [}\n');
    const r = await kit.run(['fleet', 'registry', '--repo', repo]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(
      /^error: invalid fleet registry JSON: .*registry\.v1\.json\n {2}.*registry\.v1\.json:2:\d+: /,
    );
  });

  it('a missing registry is named', async () => {
    const r = await kit.run(['fleet', 'reconcile', '--repo', kit.work]);
    expect([r.code, r.stderr.split('\n')[0]]).toEqual([
      1,
      `error: fleet registry file not found: ${fleetFile(kit.work, 'registry.v1.json')}`,
    ]);
  });
});

describe('given flags or a lock that say no', () => {
  it('--max-parallel 0 is a usage error', async () => {
    const r = await kit.run(['fleet', 'reconcile', '--repo', kit.fixture('healthy'), '--max-parallel', '0']);
    expect([r.code, r.stderr.split('\n')[0]]).toEqual([64, 'error: --max-parallel must be an integer >= 1']);
  });

  it('a second fleet reconcile while one runs exits 75 and changes nothing', async () => {
    const repo = kit.fixture('healthy');
    const p = fleetPaths(kit.work, { repo });
    const r = await withLock(fleetLockTarget(p, 'reconcile'), { waitMs: 0 }, () =>
      kit.run(['fleet', 'reconcile', '--repo', repo, '--as-of', AS_OF]),
    );
    expect(r.code).toBe(75);
    expect(jsonl(fleetFile(repo, 'telemetry', 'reconcile.jsonl'))).toEqual([]);
    expect(pick(r, 'stderr')).toMatch(/^error: lock held by another process/);
  });
});
