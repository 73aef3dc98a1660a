// Threshold tuning end to end over fixtures/loop-manager: `opsfold loop telemetry-summary` reads the
// last N telemetry records and recommends a profile; `opsfold loop profile-drift` gates the mismatch
// by confidence and streak, persists its state and history, and escalates once per activation.
import {
  appendFileSync,
  cpSync,
  existsSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCaptured } from '../cli/capture.js';
import { commands } from '../commands.js';

const asOf = '2026-02-22T12:00:00Z';
let work = '';
const run = (...argv: string[]) =>
  runCaptured(commands, argv, { cwd: work, env: {}, now: () => Date.parse(asOf) });
const managerFile = (c: string, rel: string) => join(work, c, '.superloop', 'ops-manager', 'demo-loop', rel);
const jsonl = (file: string) =>
  existsSync(file)
    ? readFileSync(file, 'utf8')
        .trim()
        .split('\n')
        .filter((l) => l !== '')
        .map((l) => JSON.parse(l) as Record<string, unknown>)
    : [];

beforeEach(() => {
  work = mkdtempSync(join(tmpdir(), 'opsfold-tuning-'));
  cpSync(new URL('../../fixtures/loop-manager', import.meta.url), work, { recursive: true });
});
afterEach(() => rmSync(work, { recursive: true, force: true }));

describe('loop telemetry-summary', () => {
  it('recommends strict with high confidence for 120 healthy reconciles', async () => {
    const r = await run('loop', 'telemetry-summary', '--repo', 'healthy', '--loop', 'demo-loop');
    expect(r.code, r.stderr).toBe(0);
    const s = JSON.parse(r.stdout);
    expect([s.recommendedProfile, s.confidence, s.observed.reconcileAttempts]).toEqual([
      'strict',
      'high',
      120,
    ]);
    expect(s.source).toEqual({
      repoPath: join(work, 'healthy'),
      loopId: 'demo-loop',
      reconcileTelemetryFile: managerFile('healthy', 'telemetry/reconcile.jsonl'),
      controlTelemetryFile: managerFile('healthy', 'telemetry/control.jsonl'),
      window: 200,
    });
    expect(s.generatedAt).toBe(asOf);
  });

  it('summarises only the window', async () => {
    const s = JSON.parse(
      (await run('loop', 'telemetry-summary', '--repo', 'healthy', '--loop', 'demo-loop', '--window', '10'))
        .stdout,
    );
    expect([s.observed.reconcileAttempts, s.confidence]).toEqual([10, 'low']);
  });

  it('recommends relaxed for the degraded fixture, ranking reason codes by count then code', async () => {
    const s = JSON.parse(
      (await run('loop', 'telemetry-summary', '--repo', 'degraded', '--loop', 'demo-loop', '--pretty'))
        .stdout,
    );
    expect([
      s.recommendedProfile,
      s.confidence,
      s.observed.health.criticalRate,
      s.observed.control.ambiguousCount,
    ]).toEqual(['relaxed', 'low', 0.25, 1]);
    expect(s.observed.health.reasonCodeFrequency).toEqual([
      { code: 'transport_unreachable', count: 3 },
      { code: 'ingest_stale', count: 3 },
      { code: 'control_ambiguous', count: 3 },
    ]);
    expect(s.observed.durationSeconds).toEqual({ p50: 2, p95: 4, max: 4 });
  });

  it('never parses records before the window: a damaged old line does not matter, a recent one fails closed', async () => {
    const file = managerFile('healthy', 'telemetry/reconcile.jsonl');
    writeFileSync(file, `not-json\n${readFileSync(file, 'utf8')}`);
    expect(
      (await run('loop', 'telemetry-summary', '--repo', 'healthy', '--loop', 'demo-loop', '--window', '50'))
        .code,
    ).toBe(0);
    appendFileSync(file, '{"status":\n{"status":"success"}\n');
    const r = await run(
      'loop',
      'telemetry-summary',
      '--repo',
      'healthy',
      '--loop',
      'demo-loop',
      '--window',
      '50',
    );
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(
      /^error: invalid telemetry JSON: .*reconcile\.jsonl\n {2}.*reconcile\.jsonl:122:\d+: invalid JSON/,
    );
  });

  it('fails closed without reconcile telemetry, and on a window below 1', async () => {
    const r = await run('loop', 'telemetry-summary', '--repo', 'ordering-drift', '--loop', 'demo-loop');
    expect([r.code, r.stderr.split('\n')[0]]).toEqual([
      1,
      `error: reconcile telemetry file not found: ${managerFile('ordering-drift', 'telemetry/reconcile.jsonl')}`,
    ]);
    const w = await run(
      'loop',
      'telemetry-summary',
      '--repo',
      'healthy',
      '--loop',
      'demo-loop',
      '--window',
      '0',
    );
    expect([w.code, w.stderr.split('\n')[0]]).toEqual([64, 'error: --window must be an integer >= 1']);
  });
});

describe('loop profile-drift', () => {
  const drift = async (c: string, ...flags: string[]) => {
    const r = await run('loop', 'profile-drift', '--repo', c, '--loop', 'demo-loop', ...flags);
    expect(r.code, r.stderr).toBe(0);
    return JSON.parse(r.stdout) as Record<string, unknown>;
  };
  const mismatch = [
    '--applied-profile',
    'balanced',
    '--recommended-profile',
    'relaxed',
    '--recommendation-confidence',
    'high',
    '--required-streak',
    '2',
  ];
  const escalations = (c: string) => jsonl(managerFile(c, 'escalations.jsonl'));

  it('activates after the streak, escalates once, stays quiet while active, resolves when realigned', async () => {
    const first = await drift('healthy', ...mismatch, '--trace-id', 't-1');
    expect([first['status'], first['mismatchStreak'], escalations('healthy')]).toEqual([
      'mismatch_pending',
      1,
      [],
    ]);
    const second = await drift('healthy', ...mismatch, '--trace-id', 't-2');
    expect([second['status'], second['transitioned']]).toEqual([
      'drift_active',
      { toActive: true, toResolved: false },
    ]);
    expect(escalations('healthy')).toMatchObject([
      {
        category: 'profile_drift_detected',
        reasonCode: 'profile_drift_detected',
        loopId: 'demo-loop',
        traceId: 't-2',
        appliedProfile: 'balanced',
        recommendedProfile: 'relaxed',
        dedupeKey: 'demo-loop/profile_drift_detected/profile_drift_detected',
        escalationAction: 'raise',
      },
    ]);
    await drift('healthy', ...mismatch);
    expect(escalations('healthy')).toHaveLength(1);
    const realigned = await drift(
      'healthy',
      ...mismatch.slice(0, 2),
      '--recommended-profile',
      'balanced',
      '--recommendation-confidence',
      'high',
    );
    expect([realigned['status'], realigned['transitioned']]).toEqual([
      'aligned',
      { toActive: false, toResolved: true },
    ]);
    expect(escalations('healthy').map((e) => e['escalationAction'])).toEqual(['raise', 'resolve']);
    const history = jsonl(managerFile('healthy', 'telemetry/profile-drift.jsonl'));
    expect(history.map((h) => (h['drift'] as Record<string, unknown>)['status'])).toEqual([
      'mismatch_pending',
      'drift_active',
      'drift_active',
      'aligned',
    ]);
    expect(JSON.parse(readFileSync(managerFile('healthy', 'profile-drift.json'), 'utf8'))).toEqual(realigned);
  });

  it('feeds on the telemetry recommendation like reconcile, keeping the reference escalation line', async () => {
    const s = JSON.parse(
      (await run('loop', 'telemetry-summary', '--repo', 'degraded', '--loop', 'demo-loop')).stdout,
    );
    const d = await drift(
      'degraded',
      '--applied-profile',
      'balanced',
      '--recommended-profile',
      s.recommendedProfile,
      '--recommendation-confidence',
      s.confidence,
      '--min-confidence',
      'low',
      '--required-streak',
      '1',
      '--rationale',
      s.rationale,
      '--transport',
      'sprite_service',
    );
    expect([d['status'], d['rationale']]).toEqual(['drift_active', s.rationale]);
    const log = escalations('degraded');
    expect(log.map((e) => [e['category'], e['escalationAction'] ?? null])).toEqual([
      ['health_degraded', null],
      ['profile_drift_detected', 'raise'],
    ]);
    expect(log[1]).toMatchObject({ transport: 'sprite_service' });
  });

  it('does not count a mismatch below the minimum confidence, and does not escalate', async () => {
    const d = await drift(
      'healthy',
      '--applied-profile',
      'balanced',
      '--recommended-profile',
      'strict',
      '--recommendation-confidence',
      'low',
      '--min-confidence',
      'high',
      '--required-streak',
      '1',
    );
    expect([d['status'], d['eligibleMismatch'], d['action']]).toEqual([
      'insufficient_confidence',
      false,
      'collect_more_confident_telemetry',
    ]);
    expect(escalations('healthy')).toEqual([]);
  });

  it('quarantines an unreadable escalations line and still escalates', async () => {
    writeFileSync(managerFile('healthy', 'escalations.jsonl'), 'not-json\n');
    const r = await run(
      'loop',
      'profile-drift',
      '--repo',
      'healthy',
      '--loop',
      'demo-loop',
      ...mismatch,
      '--required-streak',
      '1',
    );
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(
      /^note: skipped 1 unreadable line\(s\) of .*escalations\.jsonl; kept in .*quarantine\.jsonl/,
    );
    const lines = readFileSync(managerFile('healthy', 'escalations.jsonl'), 'utf8').split('\n');
    expect(JSON.parse(lines[1] ?? '')).toMatchObject({ escalationAction: 'raise' });
    expect(jsonl(join(work, 'healthy', '.opsfold', 'loop', 'demo-loop', 'quarantine.jsonl'))).toMatchObject([
      { line: 1, raw: 'not-json' },
    ]);
  });

  it.each([
    [['--applied-profile', 'turbo'], 1, 'unknown applied profile: turbo'],
    [['--recommended-profile', 'turbo'], 1, 'unknown recommended profile: turbo'],
    [
      ['--thresholds-file', 'healthy/.superloop/state.json'],
      1,
      'invalid threshold profiles file: healthy/.superloop/state.json',
    ],
    [
      ['--thresholds-file', 'catalogs/not-json.json'],
      1,
      'invalid threshold profiles file: catalogs/not-json.json',
    ],
    [['--required-streak', '0'], 64, '--required-streak must be an integer >= 1'],
    [['--summary-window', 'x'], 64, '--summary-window must be an integer >= 1'],
    [
      ['--recommendation-confidence', 'certain'],
      64,
      '--recommendation-confidence must be one of: low, medium, high',
    ],
    [['--min-confidence', 'x'], 64, '--min-confidence must be one of: low, medium, high'],
  ])('refuses %j', async (flags, code, line) => {
    const r = await run('loop', 'profile-drift', '--repo', 'healthy', '--loop', 'demo-loop', ...flags);
    expect([r.code, r.stderr.split('\n')[0]]).toEqual([code, `error: ${line}`]);
    expect(existsSync(managerFile('healthy', 'profile-drift.json'))).toBe(false);
  });
});
