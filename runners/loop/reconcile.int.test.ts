// loop reconcile end to end on copies of the shipped fixtures: what it writes, what it escalates and
// when, how a failing transport raises the streak, and that a concurrent pass changes nothing.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  appendFileSync,
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { commands } from '../commands.js';
import { runCaptured } from '../cli/capture.js';
import { withLoopLock } from './transport/loop-lock.js';
import { loopPaths } from '../cli/loop-paths.js';
import { startReceiver } from '../alerts/receiver.js';

const FRESH = '2026-02-09T22:46:00Z'; // a minute after the fixture's last event and heartbeat
const LATER = '2026-02-09T22:56:00Z'; // ingest lag 663 s: degraded under balanced (300/900)
let work = '';
let repo = '';
const io = (asOf: string) => ({ cwd: work, env: {}, now: () => Date.parse(asOf) });
const mgr = (rel: string) => join(repo, '.superloop', 'ops-manager', 'running', rel);
const lines = (rel: string): Record<string, unknown>[] =>
  existsSync(mgr(rel))
    ? readFileSync(mgr(rel), 'utf8')
        .split('\n')
        .filter((l) => l !== '')
        .map((l) => JSON.parse(l) as Record<string, unknown>)
    : [];
const json = (rel: string) => JSON.parse(readFileSync(mgr(rel), 'utf8')) as Record<string, unknown>;
const events = () => join(repo, '.superloop', 'loops', 'running', 'events.jsonl');
const QUIET_HEARTBEAT = [
  '--degraded-heartbeat-lag-seconds',
  '100000',
  '--critical-heartbeat-lag-seconds',
  '200000',
];
/** `loop reconcile` of `loop` as of `asOf`, with `env` in the process environment. */
const reconcileOf = (loop: string, asOf: string, extra: readonly string[], env: NodeJS.ProcessEnv = {}) =>
  runCaptured(commands, ['loop', 'reconcile', '--repo', repo, '--loop', loop, '--as-of', asOf, ...extra], {
    ...io(asOf),
    env,
  });
const reconcile = (asOf: string, ...extra: string[]) =>
  reconcileOf('running', asOf, ['--alerts-enabled', 'false', ...extra]);
const event = (ts: string, name = 'role_end') =>
  `${JSON.stringify({ timestamp: ts, event: name, loop_id: 'running', run_id: '20260209T221505Z', iteration: 2 })}\n`;

beforeEach(() => {
  work = mkdtempSync(join(tmpdir(), 'opsfold-reconcile-'));
  repo = join(work, 'repo');
  cpSync(new URL('../../fixtures/loop/running', import.meta.url), repo, { recursive: true });
});
afterEach(() => rmSync(work, { recursive: true, force: true }));

describe('loop reconcile', () => {
  it('given a fresh running loop, then health is healthy and every manager file is written', async () => {
    const r = await reconcile(FRESH, '--trace-id', 'tr-1');
    expect(r.code).toBe(0);
    const state = JSON.parse(r.stdout);
    expect(state.transition.currentState).toBe('running');
    expect(state.health).toMatchObject({ status: 'healthy', reasonCodes: [] });
    expect(json('health.json').status).toBe('healthy');
    expect(json('cursor.json')).toMatchObject({ eventLineOffset: 20, eventLineCount: 20 });
    expect(json('heartbeat.json')).toMatchObject({ freshnessStatus: 'fresh', traceId: 'tr-1' });
    expect(json('sequence-state.json')).toMatchObject({
      status: 'ok',
      traceId: 'tr-1',
      snapshot: { current: 20, regressed: false },
      events: { ingestedCount: 20, first: 1, last: 20 },
      transition: { transitionedToDrift: false },
    });
    expect(state.sequence).toEqual(json('sequence-state.json'));
    expect(lines('telemetry/sequence.jsonl')).toMatchObject([
      { category: 'envelope_sequence', status: 'ok' },
    ]);
    expect(json('telemetry/transport-health.json')).toMatchObject({
      lastResult: 'success',
      failureStreak: 0,
    });
    expect(lines('telemetry/reconcile.jsonl')).toEqual([
      expect.objectContaining({
        status: 'success',
        eventsIngested: 20,
        cursorOffsetBefore: 0,
        cursorOffsetAfter: 20,
        sequenceStatus: 'ok',
      }),
    ]);
    expect(lines('escalations.jsonl')).toEqual([]);
  });

  it('given a stale loop, then it is degraded with ingest_stale, escalated once, and resolved when events resume', async () => {
    expect((await reconcile(LATER, ...QUIET_HEARTBEAT)).code).toBe(0);
    expect(json('health.json')).toMatchObject({ status: 'degraded', reasonCodes: ['ingest_stale'] });
    expect(lines('escalations.jsonl')).toEqual([
      expect.objectContaining({
        category: 'health_degraded',
        escalationAction: 'raise',
        reasonCodes: ['ingest_stale'],
      }),
    ]);
    await reconcile(LATER, ...QUIET_HEARTBEAT);
    expect(lines('escalations.jsonl')).toHaveLength(1);
    appendFileSync(events(), event('2026-02-09T22:55:30Z'));
    const r = await reconcile(LATER, ...QUIET_HEARTBEAT);
    expect(JSON.parse(r.stdout).health.status).toBe('healthy');
    expect(lines('escalations.jsonl').map((e) => e['escalationAction'])).toEqual(['raise', 'resolve']);
    expect(lines('telemetry/reconcile.jsonl').at(-1)).toMatchObject({
      eventsIngested: 1,
      cursorOffsetBefore: 20,
    });
  });

  it('given a --state-file relative to the working directory, then it is written there and escalations and status name it as given', async () => {
    const r = await reconcile(LATER, ...QUIET_HEARTBEAT, '--state-file', 'named-state.json');
    expect(r.code).toBe(0);
    expect(existsSync(join(work, 'named-state.json'))).toBe(true);
    expect(lines('escalations.jsonl')[0]).toMatchObject({
      stateFile: 'named-state.json',
      cursorFile: mgr('cursor.json'),
    });
    const status = await runCaptured(
      commands,
      ['loop', 'status', '--repo', repo, '--loop', 'running', '--state-file', 'named-state.json'],
      io(LATER),
    );
    expect(JSON.parse(status.stdout).files).toMatchObject({
      stateFile: 'named-state.json',
      healthFile: mgr('health.json'),
    });
  });

  it('given --trace-id and sequence file overrides, then transport health carries the trace and sequence goes where named', async () => {
    const seqState = join(work, 'seq-state.json');
    const seqLog = join(work, 'seq.jsonl');
    const r = await reconcile(
      FRESH,
      ...QUIET_HEARTBEAT,
      '--trace-id',
      'tr-r1',
      '--sequence-state-file',
      seqState,
      '--sequence-telemetry-file',
      seqLog,
    );
    expect(r.code).toBe(0);
    expect(json('telemetry/transport-health.json')).toMatchObject({
      traceId: 'tr-r1',
      lastResult: 'success',
    });
    expect(JSON.parse(readFileSync(seqState, 'utf8'))).toMatchObject({ traceId: 'tr-r1' });
    expect(existsSync(seqLog)).toBe(true);
    expect(existsSync(mgr('sequence-state.json'))).toBe(false);
  });

  it('given an ambiguous last control intent, then health is degraded with control_ambiguous', async () => {
    mkdirSync(mgr(''), { recursive: true });
    writeFileSync(mgr('intents.jsonl'), '{"intent":"cancel","status":"ambiguous"}\n');
    const r = await reconcile(FRESH);
    expect(JSON.parse(r.stdout).health).toMatchObject({
      status: 'degraded',
      reasonCodes: ['control_ambiguous'],
    });
  });

  it('given a torn last line, then it is held back and not a transport failure', async () => {
    appendFileSync(events(), '{"timestamp":"2026-02-09T22:45:50Z","event":"role_');
    const r = await reconcile(FRESH);
    expect(r.code).toBe(0);
    expect(json('telemetry/transport-health.json').failureStreak).toBe(0);
    expect(json('cursor.json').eventLineOffset).toBe(20);
  });

  it('given an unreachable service, then each pass fails (exit 1), the streak rises and health turns critical', async () => {
    const service = ['--transport', 'sprite_service', '--service-base-url', 'http://127.0.0.1:9'];
    const opts = [...service, '--retry-attempts', '1', '--retry-backoff-seconds', '0'];
    const streak = ['--degraded-transport-failure-streak', '1', '--critical-transport-failure-streak', '2'];
    const first = await reconcile(FRESH, ...opts, ...streak);
    expect(first.code).toBe(1);
    // As the reference: the health document alone, so merged streams still parse as JSON.
    expect(first.stderr).toBe('');
    expect(JSON.parse(first.stdout)).toMatchObject({
      status: 'degraded',
      reasonCodes: ['transport_unreachable'],
    });
    await reconcile(FRESH, ...opts, ...streak);
    expect(json('health.json')).toMatchObject({ status: 'critical', reasonCodes: ['transport_unreachable'] });
    expect(json('telemetry/transport-health.json')).toMatchObject({
      failureStreak: 2,
      lastFailureCode: 'service_request_failed',
    });
    expect(lines('telemetry/reconcile.jsonl').at(-1)).toMatchObject({
      status: 'failed',
      failureCode: 'service_request_failed',
      sequenceStatus: 'skipped_ingest_failed',
    });
    expect(existsSync(mgr('sequence-state.json'))).toBe(false);
    expect(lines('escalations.jsonl').at(-1)).toMatchObject({ category: 'health_critical' });
    expect(existsSync(mgr('cursor.json'))).toBe(false);
  });

  it('given another pass holding the loop lock, then it exits 75 and writes nothing', async () => {
    const p = loopPaths(work, repo, 'running');
    const r = await withLoopLock(p, () => reconcile(FRESH));
    expect(r.code).toBe(75);
    expect(existsSync(mgr('state.json'))).toBe(false);
    expect(existsSync(mgr('telemetry'))).toBe(false);
  });

  it('given a loop whose state says inactive while its last event is active, then divergence is escalated once', async () => {
    rmSync(repo, { recursive: true });
    cpSync(new URL('../../fixtures/loop/active-mismatch', import.meta.url), repo, { recursive: true });
    const run = (asOf: string) =>
      reconcileOf('active-mismatch', asOf, ['--alerts-enabled', 'false', '--from-start']);
    await run(FRESH);
    await run(FRESH);
    const esc = readFileSync(
      join(repo, '.superloop', 'ops-manager', 'active-mismatch', 'escalations.jsonl'),
      'utf8',
    )
      .split('\n')
      .filter((l) => l.includes('"category":"divergence_detected"'));
    expect(esc).toHaveLength(1);
    expect(JSON.parse(esc[0] ?? '{}')).toMatchObject({ divergenceFlags: { activeMismatch: true } });
  });

  it('given --threshold-profile strict, then its thresholds apply, and an explicit flag overrides one of them', async () => {
    await reconcile('2026-02-09T22:48:00Z', '--threshold-profile', 'strict', ...QUIET_HEARTBEAT);
    expect(json('health.json')).toMatchObject({
      status: 'degraded',
      thresholds: { profile: 'strict', degradedIngestLagSeconds: 120 },
    });
    const r = await reconcile(
      '2026-02-09T22:48:00Z',
      ...QUIET_HEARTBEAT,
      '--threshold-profile',
      'strict',
      '--degraded-ingest-lag-seconds',
      '1000',
      '--critical-ingest-lag-seconds',
      '2000',
    );
    expect(JSON.parse(r.stdout).health).toMatchObject({
      status: 'healthy',
      thresholds: { degradedIngestLagSeconds: 1000 },
    });
    expect(lines('telemetry/reconcile.jsonl').at(-1)).toMatchObject({ thresholdProfile: 'strict' });
  });

  it('rejects a bad --alerts-enabled or drift value as a usage error before reading anything', async () => {
    expect((await reconcile(FRESH, '--alerts-enabled', 'yes')).code).toBe(64);
    expect((await reconcile(FRESH, '--drift-required-streak', '0')).code).toBe(64);
    expect(existsSync(mgr(''))).toBe(false);
  });

  it('given alerts enabled and a webhook sink, then a raised escalation is delivered once and its resolve follows', async () => {
    const receiver = await startReceiver();
    try {
      const catalog = join(work, 'sinks.json');
      writeFileSync(
        catalog,
        JSON.stringify({
          schemaVersion: 'v1',
          defaultMinSeverity: 'warning',
          sinks: { hook: { enabled: true, type: 'webhook', urlEnv: 'HOOK_URL', timeoutSeconds: 5 } },
          routing: {
            defaultSinks: ['hook'],
            categorySeverity: { health_degraded: 'warning', health_critical: 'critical' },
            routes: [],
          },
        }),
      );
      const run = (asOf: string) =>
        reconcileOf('running', asOf, ['--alert-config-file', catalog, ...QUIET_HEARTBEAT], {
          HOOK_URL: `${receiver.url}/hook`,
        });
      expect((await run(LATER)).code).toBe(0);
      await run(LATER);
      appendFileSync(events(), event('2026-02-09T22:55:30Z'));
      await run(LATER);
      const sent = receiver.received.map(
        (r) => JSON.parse(r.body) as { event: { category: string; action: string } },
      );
      expect(sent.map((b) => `${b.event.category}:${b.event.action}`)).toEqual([
        'health_degraded:trigger',
        'health_degraded:resolve',
      ]);
      expect(json('alert-dispatch-state.json')).toMatchObject({ dispatchedCount: 1 });
    } finally {
      await receiver.close();
    }
  });
});
