// `opsfold loop heartbeat` and `opsfold loop sequence` end to end over fixtures/loop-manager: what
// they print, the state they write atomically and the telemetry they append, run after run.
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
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
const eventsOf = (c: string) => join(work, c, '.superloop', 'loops', 'demo-loop', 'events.jsonl');
const jsonl = (file: string) =>
  readFileSync(file, 'utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as Record<string, unknown>);
const json = (file: string) => JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;

beforeEach(() => {
  work = mkdtempSync(join(tmpdir(), 'opsfold-heartbeat-'));
  cpSync(new URL('../../fixtures/loop-manager', import.meta.url), work, { recursive: true });
});
afterEach(() => rmSync(work, { recursive: true, force: true }));

describe('loop heartbeat', () => {
  it('is fresh for the healthy fixture and writes the state it prints', async () => {
    const r = await run(
      'loop',
      'heartbeat',
      '--repo',
      'healthy',
      '--loop',
      'demo-loop',
      '--trace-id',
      'trace-hb',
    );
    expect(r.code, r.stderr).toBe(0);
    const s = JSON.parse(r.stdout);
    expect([s.freshnessStatus, s.reasonCode, s.heartbeatLagSeconds, s.lastHeartbeatAt]).toEqual([
      'fresh',
      null,
      30,
      '2026-02-22T11:59:30Z',
    ]);
    expect(s.sourceFile).toBe('.superloop/loops/demo-loop/heartbeat.v1.json');
    expect(json(managerFile('healthy', 'heartbeat.json'))).toEqual(s);
  });

  it('appends one telemetry record per run, with the freshness as status', async () => {
    await run('loop', 'heartbeat', '--repo', 'degraded', '--loop', 'demo-loop', '--trace-id', 'a');
    await run(
      'loop',
      'heartbeat',
      '--repo',
      'degraded',
      '--loop',
      'demo-loop',
      '--trace-id',
      'b',
      '--critical-heartbeat-lag-seconds',
      '150',
    );
    const lines = jsonl(managerFile('degraded', 'telemetry/heartbeat.jsonl'));
    expect(lines.map((l) => [l['status'], l['reasonCode'], l['traceId'], l['heartbeatLagSeconds']])).toEqual([
      ['degraded', 'runtime_heartbeat_stale', 'a', 180],
      ['critical', 'runtime_heartbeat_stale', 'b', 180],
    ]);
  });

  it('takes the heartbeat from a snapshot envelope when given one', async () => {
    const snap = await run('loop', 'snapshot', '--repo', 'healthy', '--loop', 'demo-loop');
    writeFileSync(join(work, 'snap.json'), snap.stdout);
    rmSync(join(work, 'healthy', '.superloop', 'loops', 'demo-loop', 'heartbeat.v1.json'));
    const r = await run(
      'loop',
      'heartbeat',
      '--repo',
      'healthy',
      '--loop',
      'demo-loop',
      '--snapshot-file',
      'snap.json',
      '--now',
      '2026-02-22T12:05:00Z',
    );
    const s = JSON.parse(r.stdout);
    expect([s.freshnessStatus, s.heartbeatLagSeconds, s.sourceFile]).toEqual([
      'critical',
      330,
      '.superloop/loops/demo-loop/heartbeat.v1.json',
    ]);
  });

  it('is unknown, not stale, when the runtime wrote no heartbeat', async () => {
    rmSync(join(work, 'healthy', '.superloop', 'loops', 'demo-loop', 'heartbeat.v1.json'));
    const s = JSON.parse((await run('loop', 'heartbeat', '--repo', 'healthy', '--loop', 'demo-loop')).stdout);
    expect([s.freshnessStatus, s.reasonCode, s.runtime]).toEqual(['unknown', null, null]);
  });

  it('fails with file:line:byte when the runtime heartbeat is not JSON, writing nothing', async () => {
    writeFileSync(
      join(work, 'healthy', '.superloop', 'loops', 'demo-loop', 'heartbeat.v1.json'),
      '{"timestamp":',
    );
    const r = await run('loop', 'heartbeat', '--repo', 'healthy', '--loop', 'demo-loop');
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(
      /^error: invalid heartbeat JSON: \.superloop\/loops\/demo-loop\/heartbeat\.v1\.json\n {2}.*:1:\d+: /,
    );
    expect(existsSync(managerFile('healthy', 'heartbeat.json'))).toBe(false);
  });
});

describe('loop sequence', () => {
  const poll = async (c: string, out: string) => {
    const r = await run(
      'loop',
      'poll-events',
      '--repo',
      c,
      '--loop',
      'demo-loop',
      '--from-start',
      '--cursor-file',
      join(work, `${out}.cursor.json`),
    );
    writeFileSync(join(work, out), r.stdout);
  };

  it('detects the rewritten log of the ordering-drift fixture, and health degrades on it', async () => {
    await poll('ordering-drift', 'ev.ndjson');
    const r = await run(
      'loop',
      'sequence',
      '--repo',
      'ordering-drift',
      '--loop',
      'demo-loop',
      '--events-file',
      'ev.ndjson',
      '--trace-id',
      'trace-seq',
    );
    expect(r.code, r.stderr).toBe(0);
    const s = JSON.parse(r.stdout);
    expect([s.status, s.driftActive, s.violations]).toEqual([
      'ordering_drift_detected',
      true,
      ['event_sequence_regression', 'snapshot_sequence_regression'],
    ]);
    // The fixture's sequence-state.json has the old flat shape: it resumes from it all the same.
    expect([s.snapshot.previous, s.snapshot.current, s.events.previousLast, s.events.last]).toEqual([
      6, 2, 6, 2,
    ]);
    expect(s.transition).toEqual({
      previousDriftActive: false,
      transitionedToDrift: true,
      recoveredFromDrift: false,
    });
    expect(jsonl(managerFile('ordering-drift', 'telemetry/sequence.jsonl'))).toMatchObject([
      {
        category: 'envelope_sequence',
        status: 'ordering_drift_detected',
        traceId: 'trace-seq',
        violations: s.violations,
        snapshot: s.snapshot,
        events: s.events,
      },
    ]);
    const h = await run('loop', 'health', '--repo', 'ordering-drift', '--loop', 'demo-loop');
    expect(JSON.parse(h.stdout).reasonCodes).toEqual(['ordering_drift_detected']);
  });

  it('is ok on a first run and on a replay from the start, then drifts when the log shrinks', async () => {
    // The snapshot is built from the repo; once the log shrank its checkpoint no longer fits, and
    // the operator replays with --from-start, as reconcile does.
    const seq = async (...more: string[]) => {
      const r = await run(
        'loop',
        'sequence',
        '--repo',
        'healthy',
        '--loop',
        'demo-loop',
        '--events-file',
        'ev.ndjson',
        ...more,
      );
      expect(r.code, r.stderr).toBe(0);
      return JSON.parse(r.stdout);
    };
    await poll('healthy', 'ev.ndjson');
    expect((await seq()).status).toBe('ok');
    expect((await seq()).status).toBe('ok');
    writeFileSync(eventsOf('healthy'), readFileSync(eventsOf('healthy'), 'utf8').split('\n')[0] + '\n');
    await poll('healthy', 'ev.ndjson');
    const drifted = await seq('--from-start');
    expect([drifted.status, drifted.violations]).toEqual([
      'ordering_drift_detected',
      ['event_sequence_regression', 'snapshot_sequence_regression'],
    ]);
    expect(jsonl(managerFile('healthy', 'telemetry/sequence.jsonl')).map((l) => l['status'])).toEqual([
      'ok',
      'ok',
      'ordering_drift_detected',
    ]);
  });

  it('fails with file:line:byte on an envelopes line that is not JSON', async () => {
    writeFileSync(join(work, 'ev.ndjson'), '{"sequence":{"value":1}}\n{oops}\n');
    const r = await run(
      'loop',
      'sequence',
      '--repo',
      'healthy',
      '--loop',
      'demo-loop',
      '--events-file',
      'ev.ndjson',
    );
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^error: invalid event envelope in ev\.ndjson\n {2}ev\.ndjson:2:25: /);
  });
});
