// Given a repo with a guarded_auto registry and a promotion decision on disk, when `opsfold fleet
// promotion-apply` runs, then the registry is rewritten, the apply state written and one telemetry line
// appended; a replayed idempotency key changes nothing; refusals exit with the documented codes.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCaptured } from '../cli/capture.js';
import { fleetPromotionCommands } from './promotion-commands.js';

const AS_OF = '2026-03-01T00:00:00Z';
let repo = '';
let fleet = '';

const registry = (canaryPercent: number, manual: boolean) => ({
  schemaVersion: 'v1',
  fleetId: 'fleet-int',
  loops: [{ loopId: 'loop-a', transport: 'local' }],
  policy: {
    mode: 'guarded_auto',
    autonomous: {
      governance: {
        actor: 'ops-0',
        approvalRef: 'CHG-0',
        rationale: 'seed',
        changedAt: '2026-02-01T00:00:00Z',
        reviewBy: '2026-12-01T00:00:00Z',
      },
      rollout: { canaryPercent, pause: { manual } },
    },
  },
});

beforeEach(() => {
  repo = mkdtempSync(join(tmpdir(), 'opsfold-apply-'));
  fleet = join(repo, '.superloop', 'ops-manager', 'fleet');
  mkdirSync(fleet, { recursive: true });
  writeFileSync(join(fleet, 'registry.v1.json'), JSON.stringify(registry(30, true)));
  writeFileSync(join(fleet, 'promotion-state.json'), JSON.stringify({ summary: { decision: 'promote' } }));
});
afterEach(() => rmSync(repo, { recursive: true, force: true }));

const apply = (...extra: string[]) =>
  runCaptured(
    fleetPromotionCommands,
    [
      'fleet',
      'promotion-apply',
      '--repo',
      repo,
      '--as-of',
      AS_OF,
      '--trace-id',
      't-1',
      '--by',
      'ops-1',
      '--approval-ref',
      'CHG-1',
      '--rationale',
      'widen',
      '--review-by',
      '2026-04-01T00:00:00Z',
      ...extra,
    ],
    { cwd: repo, env: {}, now: () => 0 },
  );
const json = (file: string) => JSON.parse(readFileSync(join(fleet, file), 'utf8')) as Record<string, unknown>;
const lines = () =>
  readFileSync(join(fleet, 'telemetry', 'promotion-apply.jsonl'), 'utf8')
    .trim()
    .split('\n');

describe('when an expand is applied', () => {
  it('rewrites the registry, writes the apply state and appends one telemetry line', async () => {
    const ran = await apply('--intent', 'expand', '--expand-step', '15', '--idempotency-key', 'k-1');
    expect(ran.stderr).toBe('');
    expect(ran.code).toBe(0);
    const out = JSON.parse(ran.stdout) as Record<string, unknown>;
    expect(out).toMatchObject({
      traceId: 't-1',
      fleetId: 'fleet-int',
      rollout: {
        before: { canaryPercent: 30, manualPause: true },
        after: { canaryPercent: 45, manualPause: false },
      },
      files: { registryFile: join(fleet, 'registry.v1.json') },
    });
    expect(json('registry.v1.json')).toMatchObject({
      fleetId: 'fleet-int',
      policy: {
        autonomous: {
          rollout: { canaryPercent: 45, pause: { manual: false } },
          governance: { actor: 'ops-1', changedAt: AS_OF },
        },
      },
    });
    expect(json('promotion-apply-state.json')).toEqual(out);
    expect(lines().map((l) => JSON.parse(l) as unknown)).toEqual([out]);
  });
});

describe('when the same idempotency key is applied again', () => {
  it('replays the first result and leaves the registry and the telemetry as they were', async () => {
    await apply('--intent', 'expand', '--idempotency-key', 'k-1');
    const registryAfterFirst = readFileSync(join(fleet, 'registry.v1.json'), 'utf8');
    const ran = await apply('--intent', 'expand', '--expand-step', '50', '--idempotency-key', 'k-1');
    expect(ran.code).toBe(0);
    expect(JSON.parse(ran.stdout)).toMatchObject({
      replayed: true,
      rollout: { after: { canaryPercent: 55 } },
    });
    expect(readFileSync(join(fleet, 'registry.v1.json'), 'utf8')).toBe(registryAfterFirst);
    expect(lines()).toHaveLength(1);
  });
});

describe('when the request is refused', () => {
  it('exits 1 with the reference line for an expand on hold, and writes nothing', async () => {
    writeFileSync(join(fleet, 'promotion-state.json'), JSON.stringify({ summary: { decision: 'hold' } }));
    const ran = await apply('--intent', 'expand');
    expect(ran.code).toBe(1);
    expect(ran.stderr).toContain('error: intent expand requires promotion decision promote (found: hold)');
    expect(json('registry.v1.json')).toEqual(registry(30, true));
  });
  it('exits 64 for a missing governance flag or a bad intent', async () => {
    const noBy = await runCaptured(
      fleetPromotionCommands,
      [
        'fleet',
        'promotion-apply',
        '--repo',
        repo,
        '--intent',
        'resume',
        '--approval-ref',
        'x',
        '--rationale',
        'y',
        '--review-by',
        '2026-04-01T00:00:00Z',
      ],
      { cwd: repo, env: {}, now: () => 0 },
    );
    expect([noBy.code, noBy.stderr.split('\n')[0]]).toEqual([64, 'error: --by is required']);
    const bad = await apply('--intent', 'sideways');
    expect([bad.code, bad.stderr.split('\n')[0]]).toEqual([
      64,
      'error: --intent must be one of expand, resume, rollback',
    ]);
  });
  it('exits 1 when the apply telemetry has a corrupt line, rather than applying a key again', async () => {
    mkdirSync(join(fleet, 'telemetry'), { recursive: true });
    writeFileSync(join(fleet, 'telemetry', 'promotion-apply.jsonl'), '{not json\n');
    const ran = await apply('--intent', 'resume', '--idempotency-key', 'k-1');
    expect(ran.code).toBe(1);
    expect(ran.stderr).toContain('invalid promotion apply telemetry JSONL');
  });
});
