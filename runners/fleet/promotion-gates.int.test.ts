// Given a fixture fleet (fixtures/fleet-promotion), when `opsfold fleet promotion-gates` runs, then the
// decision, its reason codes, the state file, the append-only history and the exit code.
import { appendFileSync, existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fold } from '../../lib/core/projection.js';
import { promotionHistoryProjection } from '../../lib/fleet/promotion-history.js';
import { positionEvents } from '../../lib/testing/given.js';
import { fleetDir, manifest, runPromotion, workCopy } from './promotion-test-fixtures.js';

const { asOf, cases } = manifest();
let root = '';
let dispose = () => undefined as void;
beforeAll(() => ({ root, dispose } = workCopy()));
afterAll(() => dispose());

const gates = (repo: string, ...extra: string[]) =>
  runPromotion(root, [
    'fleet',
    'promotion-gates',
    '--repo',
    repo,
    '--as-of',
    asOf,
    '--trace-id',
    'trace-promo-1',
    ...extra,
  ]);
const lines = (file: string) =>
  readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l !== '');

describe.each(Object.entries(cases))('given the %s fleet', (repo, expected) => {
  it(`when promotion-gates runs, then it decides ${expected.decision} with the listed reasons`, async () => {
    const ran = await gates(repo);
    expect(ran.stderr).toBe('');
    expect(ran.code).toBe(0);
    const doc = JSON.parse(ran.stdout) as { summary: Record<string, unknown> };
    expect(doc.summary).toMatchObject({
      decision: expected.decision,
      promote: expected.decision === 'promote',
      failedGates: expected.failedGates,
      reasonCodes: expected.reasonCodes,
      gateFailCount: expected.failedGates.length,
      gatePassCount: 5 - expected.failedGates.length,
    });
    const dir = fleetDir(root, repo);
    expect(JSON.parse(readFileSync(join(dir, 'promotion-state.json'), 'utf8'))).toEqual(doc);
    const history = lines(join(dir, 'telemetry', 'promotion.jsonl'));
    expect(history.map((l) => JSON.parse(l) as unknown).at(-1)).toEqual(doc);
  });
});

describe('exit codes', () => {
  it('exits 2 on hold with --fail-on-hold, still recording and printing the decision', async () => {
    const ran = await gates('hold-manual-backlog', '--fail-on-hold');
    expect(ran.code).toBe(2);
    expect(JSON.parse(ran.stdout)).toMatchObject({ summary: { decision: 'hold' } });
  });
  it('exits 0 on promote with --fail-on-hold', async () => {
    expect((await gates('promote', '--fail-on-hold')).code).toBe(0);
  });
  it.each([
    ['--window-executions', '0', 'error: --window-executions must be an integer >= 1'],
    ['--max-ambiguity-rate', '2', 'error: --max-ambiguity-rate must be a number between 0 and 1'],
    ['--max-manual-backlog', 'five', 'error: --max-manual-backlog must be an integer >= 0'],
  ])('refuses %s %s with a usage error (64)', async (flag, value, line) => {
    const ran = await gates('promote', flag, value);
    expect(ran.code).toBe(64);
    expect(ran.stderr.split('\n')[0]).toBe(line);
  });
  it('requires --repo outside a repository', async () => {
    const ran = await runPromotion(root, ['fleet', 'promotion-gates']);
    expect([ran.code, ran.stderr.split('\n')[0]]).toEqual([
      64,
      `error: --repo is required: no .superloop/ folder in ${root} or any folder above it`,
    ]);
  });
});

describe('history and determinism', () => {
  it('appends one history row per run and rewrites the state, byte for byte the same for the same instant', async () => {
    const first = await gates('hold-small-sample');
    const state = readFileSync(join(fleetDir(root, 'hold-small-sample'), 'promotion-state.json'), 'utf8');
    const second = await gates('hold-small-sample');
    expect(second.stdout).toBe(first.stdout);
    expect(readFileSync(join(fleetDir(root, 'hold-small-sample'), 'promotion-state.json'), 'utf8')).toBe(
      state,
    );
    const history = lines(join(fleetDir(root, 'hold-small-sample'), 'telemetry', 'promotion.jsonl'));
    expect(history.length).toBeGreaterThanOrEqual(2);
    expect(history.at(-1)).toBe(history.at(-2));
    const folded = fold(
      promotionHistoryProjection,
      positionEvents(history.map((l) => JSON.parse(l) as unknown)),
    );
    expect(folded).toMatchObject({ decisions: history.length, promoted: 0, latest: { decision: 'hold' } });
  });
  it('takes the trace id from OPS_MANAGER_TRACE_ID when --trace-id is absent', async () => {
    const ran = await runPromotion(root, ['fleet', 'promotion-gates', '--repo', 'promote', '--as-of', asOf], {
      OPS_MANAGER_TRACE_ID: 'trace-from-env',
    });
    expect(JSON.parse(ran.stdout)).toMatchObject({ traceId: 'trace-from-env' });
  });
});

describe('thresholds and the instant', () => {
  it('promotes a small sample when the window and minimum sample are lowered', async () => {
    const ran = await gates('hold-small-sample', '--window-executions', '6', '--min-sample-size', '6');
    expect(JSON.parse(ran.stdout)).toMatchObject({
      summary: { decision: 'promote' },
      thresholds: { windowExecutions: 6, minSampleSize: 6 },
      gates: { outcomeReliability: { sampleRuns: 6, attempted: 6, executed: 6 } },
    });
  });
  it('holds the promote fleet a week later: every drill is then older than 168 hours', async () => {
    const ran = await runPromotion(root, [
      'fleet',
      'promotion-gates',
      '--repo',
      'promote',
      '--as-of',
      '2026-03-08T12:00:00Z',
    ]);
    expect(JSON.parse(ran.stdout)).toMatchObject({
      generatedAt: '2026-03-08T12:00:00Z',
      summary: {
        failedGates: ['drill_recency'],
        reasonCodes: [
          'promotion_drill_stale_ambiguous_retry_guard',
          'promotion_drill_stale_kill_switch',
          'promotion_drill_stale_sprite_service_outage',
        ],
      },
    });
  });
  it('reports the auto-pause streak folded from policy.jsonl beside the gate', async () => {
    const ran = await gates('hold-autopause');
    expect(JSON.parse(ran.stdout)).toMatchObject({
      gates: {
        safetySuppression: {
          autopauseActive: true,
          autopauseStreak: { evaluations: 3, since: '2026-03-01T09:00:00Z' },
        },
      },
    });
  });
  it('reports the corrupt handoff line with its position', async () => {
    const ran = await gates('hold-corrupt-evidence');
    expect(JSON.parse(ran.stdout)).toMatchObject({
      gates: { outcomeReliability: { invalidRow: { line: 21 } } },
    });
  });
});

describe('reading the handoff log', () => {
  it('does not count a torn last line (a write in progress) as invalid telemetry', async () => {
    const file = join(fleetDir(root, 'promote'), 'telemetry', 'handoff.jsonl');
    const before = readFileSync(file, 'utf8');
    appendFileSync(file, '{"timestamp":"2026-03-01T11:59:59Z","category":"fleet_handoff_exec');
    try {
      expect(JSON.parse((await gates('promote')).stdout)).toMatchObject({ summary: { decision: 'promote' } });
    } finally {
      writeFileSync(file, before);
    }
  });
});

describe('a precomputed fleet status (--fleet-status-file)', () => {
  const status = {
    schemaVersion: 'v1',
    autonomous: {
      enabled: true,
      governance: { posture: 'active', blocksAutonomous: false, reasonCodes: [] },
      outcomeRollup: { manual_backlog: 2 },
      rollout: { autopause: { active: true } },
      safetyGateDecisions: { byPath: { policyGated: {}, rolloutGated: {}, governanceGated: {} } },
    },
  };
  it('reads the facts from the file and names what it is missing', async () => {
    writeFileSync(join(root, 'status.json'), JSON.stringify(status));
    const ran = await gates('missing-evidence', '--fleet-status-file', 'status.json');
    expect(JSON.parse(ran.stdout)).toMatchObject({
      source: { fleetStatusSource: 'file', fleetStatusFile: 'status.json' },
      gates: {
        safetySuppression: {
          missingPaths: ['transportGated'],
          reasons: ['promotion_autopause_active', 'promotion_suppression_paths_missing'],
        },
      },
    });
  });
  it('fails when the named file is missing', async () => {
    const ran = await gates('promote', '--fleet-status-file', 'nope.json');
    expect([ran.code, ran.stderr.split('\n')[0]]).toEqual([
      1,
      'error: fleet status file not found: nope.json',
    ]);
  });
});

describe('when the fleet status cannot be derived', () => {
  it('fails on a missing fleet state file without writing anything', async () => {
    const dir = fleetDir(root, 'hold-no-policy-state');
    const saved = readFileSync(join(dir, 'state.json'), 'utf8');
    const written = () =>
      ['promotion-state.json', join('telemetry', 'promotion.jsonl')].map((f) =>
        existsSync(join(dir, f)) ? readFileSync(join(dir, f), 'utf8') : null,
      );
    const before = written();
    rmSync(join(dir, 'state.json'));
    try {
      const ran = await gates('hold-no-policy-state');
      expect(ran.code).toBe(1);
      expect(ran.stderr.split('\n')[0]).toBe(`error: fleet state file not found: ${join(dir, 'state.json')}`);
      expect(ran.stdout).toBe('');
      expect(written()).toEqual(before);
    } finally {
      writeFileSync(join(dir, 'state.json'), saved);
    }
  });
  it('fails closed on a registry whose loops are not an array', async () => {
    const file = join(fleetDir(root, 'advisory'), 'registry.v1.json');
    const saved = readFileSync(file, 'utf8');
    writeFileSync(file, JSON.stringify({ schemaVersion: 'v1', loops: { 'loop-red': {} } }));
    try {
      const ran = await gates('advisory');
      expect(ran.code).toBe(1);
      expect(ran.stderr.split('\n').slice(0, 2)).toEqual([
        `error: invalid fleet registry: ${file}`,
        '  - loops must be an array',
      ]);
    } finally {
      writeFileSync(file, saved);
    }
  });
  it('names the file, line and byte of an unparsable policy state', async () => {
    const file = join(fleetDir(root, 'advisory'), 'policy-state.json');
    const saved = readFileSync(file, 'utf8');
    writeFileSync(file, '{\n  "mode": "guarded_auto",\n  oops\n}\n');
    try {
      const ran = await gates('advisory');
      expect(ran.code).toBe(1);
      const [line, detail] = ran.stderr.split('\n');
      expect(line).toBe(`error: invalid policy state JSON: ${file}`);
      expect(detail).toMatch(new RegExp(`^  ${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:3:\\d+: `));
    } finally {
      writeFileSync(file, saved);
    }
  });
});
