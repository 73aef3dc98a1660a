// `opsfold loop health` and `opsfold loop threshold-profile` end to end over the fixture trees in
// fixtures/loop-manager: the documented answers, error lines and exit codes.
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCaptured } from '../cli/capture.js';
import { commands } from '../commands.js';

const asOf = '2026-02-22T12:00:00Z';
let work = '';
const run = (argv: string[], env: Record<string, string> = {}) =>
  runCaptured(commands, argv, { cwd: work, env, now: () => Date.parse(asOf) });
const manager = (c: string) => join(c, '.superloop', 'ops-manager', 'demo-loop');

beforeEach(() => {
  work = mkdtempSync(join(tmpdir(), 'opsfold-health-'));
  cpSync(new URL('../../fixtures/loop-manager', import.meta.url), work, { recursive: true });
});
afterEach(() => rmSync(work, { recursive: true, force: true }));

describe('loop health over a repo', () => {
  it('is healthy for the healthy fixture, with the balanced built-in thresholds and no profile', async () => {
    const r = await run(['loop', 'health', '--repo', 'healthy', '--loop', 'demo-loop', '--now', asOf]);
    expect(r.code, r.stderr).toBe(0);
    const h = JSON.parse(r.stdout);
    expect([h.status, h.reasonCodes, h.metrics.ingestLagSeconds, h.metrics.lastControlStatus]).toEqual([
      'healthy',
      [],
      60,
      'executed_confirmed',
    ]);
    expect(h.thresholds).toMatchObject({
      profile: null,
      degradedIngestLagSeconds: 300,
      criticalTransportFailureStreak: 4,
    });
    expect(r.stdout.trim().split('\n')).toHaveLength(1);
  });

  it('grades the degraded fixture after its heartbeat step: four degraded reasons', async () => {
    const hb = await run(['loop', 'heartbeat', '--repo', 'degraded', '--loop', 'demo-loop']);
    expect(hb.code, hb.stderr).toBe(0);
    const r = await run([
      'loop',
      'health',
      '--repo',
      'degraded',
      '--loop',
      'demo-loop',
      '--trace-id',
      't-1',
      '--pretty',
    ]);
    const h = JSON.parse(r.stdout);
    expect(h.status).toBe('degraded');
    expect(h.reasonCodes).toEqual([
      'control_ambiguous',
      'ingest_stale',
      'runtime_heartbeat_stale',
      'transport_unreachable',
    ]);
    expect(h.evidence).toMatchObject({
      lastHeartbeatAt: '2026-02-22T11:57:00Z',
      lastEventAt: '2026-02-22T11:50:00Z',
    });
    expect([h.transport.lastFailureCode, h.traceId]).toEqual(['service_request_failed', 't-1']);
  });

  it('applies a named profile from the catalog, explicit flags winning over it', async () => {
    const r = await run([
      'loop',
      'health',
      '--state-file',
      manager('degraded') + '/state.json',
      '--threshold-profile',
      'strict',
      '--critical-ingest-lag-seconds',
      '700',
    ]);
    const h = JSON.parse(r.stdout);
    expect(h.thresholds).toMatchObject({
      profile: 'strict',
      degradedIngestLagSeconds: 120,
      criticalIngestLagSeconds: 700,
    });
    expect(h.reasons).toEqual([
      {
        code: 'ingest_stale',
        severity: 'degraded',
        metric: 'ingestLagSeconds',
        observed: '600',
        threshold: '120',
      },
    ]);
  });

  it('reports a failed ingest by its failure code', async () => {
    const r = await run([
      'loop',
      'health',
      '--ingest-status',
      'failed',
      '--failure-code',
      'service_response_invalid',
    ]);
    expect(JSON.parse(r.stdout).reasonCodes).toEqual(['invalid_transport_payload']);
  });

  it('adds profile_drift_detected only when given an active drift state', async () => {
    writeFileSync(join(work, 'drift.json'), JSON.stringify({ status: 'drift_active', driftActive: true }));
    const r = await run(['loop', 'health', '--drift-state-file', 'drift.json']);
    expect(JSON.parse(r.stdout).reasonCodes).toEqual(['profile_drift_detected']);
  });

  it('fails with the reference line and file:line:byte for a state file that is not JSON', async () => {
    writeFileSync(join(work, 'state.json'), '{"projection":\n  {"lastEventAt": }\n}\n');
    const r = await run(['loop', 'health', '--state-file', 'state.json']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^error: invalid state JSON: state\.json\n {2}state\.json:2:\d+: /);
  });

  it.each([
    [['--transport', 'ftp'], '--transport must be local or sprite_service'],
    [['--ingest-status', 'maybe'], '--ingest-status must be success or failed'],
    [
      ['--now', 'noon'],
      '--now must be RFC 3339 with a zone, e.g. 2026-02-22T12:00:00Z or 2026-02-22T21:00:00+09:00: noon',
    ],
    [
      ['--degraded-transport-failure-streak', '1.5'],
      'degraded-transport-failure-streak must be a non-negative integer',
    ],
    [['--degraded-ingest-lag-seconds', '901'], 'critical ingest lag threshold must be >= degraded threshold'],
    [
      ['--critical-heartbeat-lag-seconds', '60'],
      'critical heartbeat lag threshold must be >= degraded threshold',
    ],
  ])('refuses %j as a usage error', async (flags, line) => {
    const r = await run(['loop', 'health', ...flags]);
    expect([r.code, r.stderr.split('\n')[0]]).toEqual([64, `error: ${line}`]);
  });
});

describe('loop threshold-profile', () => {
  it('resolves the shipped catalog default (balanced) and lists the three profiles', async () => {
    const r = await run(['loop', 'threshold-profile']);
    expect(JSON.parse(r.stdout)).toMatchObject({
      profile: 'balanced',
      values: {
        degradedIngestLagSeconds: 300,
        criticalIngestLagSeconds: 900,
        degradedTransportFailureStreak: 2,
        criticalTransportFailureStreak: 4,
      },
    });
    expect((await run(['loop', 'threshold-profile', '--list'])).stdout).toBe('balanced\nrelaxed\nstrict\n');
  });

  it.each([
    ['strict', [120, 300, 1, 2]],
    ['relaxed', [600, 1800, 3, 6]],
  ])('ships %s with the documented values', async (profile, values) => {
    const v = JSON.parse((await run(['loop', 'threshold-profile', '--profile', profile])).stdout).values;
    expect([
      v.degradedIngestLagSeconds,
      v.criticalIngestLagSeconds,
      v.degradedTransportFailureStreak,
      v.criticalTransportFailureStreak,
    ]).toEqual(values);
  });

  it('takes the catalog from OPS_MANAGER_THRESHOLD_PROFILES_FILE, printing the path as given', async () => {
    const r = await run(['loop', 'threshold-profile'], {
      OPS_MANAGER_THRESHOLD_PROFILES_FILE: 'catalogs/strict-default.json',
    });
    expect(JSON.parse(r.stdout)).toMatchObject({
      profile: 'strict',
      sourceFile: 'catalogs/strict-default.json',
      values: { degradedIngestLagSeconds: 60 },
    });
  });

  it.each([
    [['--profile', 'turbo'], 'unknown threshold profile: turbo'],
    [['--profiles-file', 'catalogs/invalid-shape.json'], 'threshold profiles file has invalid shape'],
    [['--profiles-file', 'catalogs/bad-values.json'], 'threshold profile values are invalid: inverted'],
    [
      ['--profiles-file', 'catalogs/missing.json'],
      'threshold profiles file not found: catalogs/missing.json',
    ],
  ])('fails closed with exit 1 for %j', async (flags, line) => {
    const r = await run(['loop', 'threshold-profile', ...flags]);
    expect([r.code, r.stderr.split('\n')[0], r.stdout]).toEqual([1, `error: ${line}`, '']);
  });

  it('names the position of a syntax error in the catalog', async () => {
    const r = await run(['loop', 'threshold-profile', '--profiles-file', 'catalogs/not-json.json', '--list']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(
      /^error: invalid threshold profiles JSON: catalogs\/not-json\.json\n {2}catalogs\/not-json\.json:4:\d+: /,
    );
  });

  it('fails a reconcile-style resolution on a fractional catalog value', async () => {
    const r = await run([
      'loop',
      'health',
      '--thresholds-file',
      'catalogs/bad-values.json',
      '--threshold-profile',
      'fractional',
    ]);
    expect([r.code, r.stderr.split('\n')[0]]).toEqual([
      1,
      'error: degraded-ingest-lag-seconds must be a non-negative integer',
    ]);
  });
});
