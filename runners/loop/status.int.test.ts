// loop status over hand-written manager trees: every field comes from a durable file, derived now.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { commands } from '../commands.js';
import { runCaptured } from '../cli/capture.js';

const asOf = '2026-02-22T12:00:00Z';
let repo = '';
const io = () => ({ cwd: repo, env: {}, now: () => Date.parse(asOf) });
const status = (...extra: string[]) =>
  runCaptured(commands, ['loop', 'status', '--repo', '.', '--loop', 'demo', '--as-of', asOf, ...extra], io());
const mgr = (rel: string) => join(repo, '.superloop', 'ops-manager', 'demo', rel);
const put = (rel: string, text: string) => {
  mkdirSync(dirname(mgr(rel)), { recursive: true });
  writeFileSync(mgr(rel), text);
};
const json = (v: unknown) => `${JSON.stringify(v)}\n`;

beforeEach(() => {
  repo = mkdtempSync(join(tmpdir(), 'opsfold-status-'));
});
afterEach(() => rmSync(repo, { recursive: true, force: true }));

const state = {
  transition: { currentState: 'running', confidence: 'high' },
  run: { runId: 'run-7', iteration: 3 },
  cursor: { eventLineOffset: 40, eventLineCount: 40 },
  health: { status: 'degraded', reasonCodes: ['ingest_stale'], thresholds: { profile: 'balanced' } },
};

describe('loop status', () => {
  it('given a telemetry log that is a FIFO, then it exits 1 naming it instead of waiting for a writer', async () => {
    put('state.json', json(state));
    mkdirSync(mgr('telemetry'), { recursive: true });
    execFileSync('mkfifo', [mgr('telemetry/reconcile.jsonl')]);
    const r = await status();
    expect([r.code, r.stderr]).toEqual([
      1,
      `error: ${mgr('telemetry/reconcile.jsonl')}: not a regular file (a FIFO)\n`,
    ]);
  });

  it('given no manager files, then it fails with the reference error line and exit 1', async () => {
    const r = await status();
    expect(r.code).toBe(1);
    expect(r.stderr.split('\n')[0]).toBe('error: no status artifacts found for loop: demo');
  });

  it('given state, cursor and telemetry, then lifecycle, health, cursor, control and reconcile come from them', async () => {
    put('state.json', json(state));
    put('cursor.json', json({ eventLineOffset: 42, eventLineCount: 42 }));
    put(
      'intents.jsonl',
      json({ intent: 'cancel', status: 'executed_confirmed', requestedBy: 'ops', timestamp: 't1' }),
    );
    put(
      'telemetry/reconcile.jsonl',
      json({ status: 'success', timestamp: 't0', transport: 'local', durationSeconds: 1 }) +
        json({ status: 'failed', timestamp: 't2', transport: 'local', failureCode: 'events_unavailable' }) +
        '{"status":"torn',
    );
    const r = await status();
    expect(r.code).toBe(0);
    const s = JSON.parse(r.stdout);
    expect(s.lifecycle).toEqual({ state: 'running', confidence: 'high', runId: 'run-7', iteration: 3 });
    expect(s.health).toEqual(state.health);
    expect(s.cursor).toEqual({ eventLineOffset: 42, eventLineCount: 42 });
    expect(s.control).toEqual({
      lastIntent: 'cancel',
      lastStatus: 'executed_confirmed',
      lastRequestedBy: 'ops',
      lastTimestamp: 't1',
      lastTraceId: null,
    });
    expect(s.reconcile).toMatchObject({
      lastStatus: 'failed',
      lastTimestamp: 't2',
      lastFailureCode: 'events_unavailable',
    });
    expect(s.tuning).toMatchObject({ summaryWindow: 200, appliedProfile: 'balanced' });
    expect(s).not.toHaveProperty('alerts');
    expect(s.generatedAt).toBe(asOf);
  });

  it('given only health.json, then health comes from it and the cursor falls back to zero', async () => {
    put('health.json', json({ status: 'critical', reasonCodes: ['transport_unreachable'] }));
    const s = JSON.parse((await status()).stdout);
    expect(s.health.status).toBe('critical');
    expect(s.lifecycle.state).toBe('unknown');
    expect(s.cursor).toEqual({ eventLineOffset: 0, eventLineCount: 0 });
  });

  it('given heartbeat, sequence and an invocation audit with one trace, then visibility names the shared trace', async () => {
    put('state.json', json(state));
    put('heartbeat.json', json({ freshnessStatus: 'fresh', heartbeatLagSeconds: 5, traceId: 'tr-1' }));
    put('sequence-state.json', json({ status: 'ok', driftActive: false, traceId: 'tr-1' }));
    put(
      'telemetry/control-invocations.jsonl',
      json({ intent: 'approve', transport: 'local', idempotencyKey: 'k1', traceId: 'tr-1' }),
    );
    const v = JSON.parse((await status()).stdout).visibility;
    expect(v.heartbeat).toMatchObject({ freshnessStatus: 'fresh', heartbeatLagSeconds: 5 });
    expect(v.sequence).toMatchObject({ status: 'ok', driftActive: false, violations: [] });
    expect(v.invocationAudit).toMatchObject({ intent: 'approve', idempotencyKey: 'k1' });
    expect(v.trace).toMatchObject({
      sharedTraceId: 'tr-1',
      presentCount: 3,
      heartbeatTraceId: 'tr-1',
      controlInvocationTraceId: 'tr-1',
    });
  });

  it('given traces that disagree, then there is no shared trace id', async () => {
    put('state.json', json(state));
    put('heartbeat.json', json({ traceId: 'a' }));
    put('sequence-state.json', json({ traceId: 'b' }));
    expect(JSON.parse((await status()).stdout).visibility.trace.sharedTraceId).toBeNull();
  });

  it('given alert dispatch artifacts, then the alerts block summarizes them', async () => {
    put('state.json', json(state));
    put(
      'alert-dispatch-state.json',
      json({ status: 'ok', processedCount: 2, dispatchedCount: 1, failedCount: 1 }),
    );
    put('telemetry/alerts.jsonl', json({ timestamp: 't', status: 'failed', reasonCode: 'sink_http_error' }));
    const a = JSON.parse((await status()).stdout).alerts;
    expect(a.dispatch).toMatchObject({
      processedCount: 2,
      dispatchedCount: 1,
      skippedCount: 0,
      failedCount: 1,
    });
    expect(a.lastDelivery).toEqual({ timestamp: 't', status: 'failed', reasonCode: 'sink_http_error' });
  });

  it('given one reconcile and alert trace, then dispatch, delivery and traceLinkage name it', async () => {
    put('state.json', json(state));
    put('alert-dispatch-state.json', json({ status: 'success', processedCount: 1, traceId: 'tr-9' }));
    put('telemetry/alerts.jsonl', json({ status: 'skipped', traceId: 'tr-9', escalationTraceId: 'tr-8' }));
    put('telemetry/reconcile.jsonl', json({ status: 'success', traceId: 'tr-9' }));
    const s = JSON.parse((await status()).stdout);
    expect(s.alerts.dispatch.lastTraceId).toBe('tr-9');
    expect(s.alerts.lastDelivery).toMatchObject({ traceId: 'tr-9', escalationTraceId: 'tr-8' });
    expect(s.reconcile.lastTraceId).toBe('tr-9');
    expect(s.traceLinkage).toMatchObject({
      reconcileTraceId: 'tr-9',
      alertTraceId: 'tr-9',
      sharedTraceId: 'tr-9',
    });
  });

  it('given only telemetry records and a nested invocation audit, then visibility reads them', async () => {
    put('state.json', json(state));
    put('telemetry/heartbeat.jsonl', json({ heartbeatAt: 'h1', transport: 'local', traceId: 'tr-2' }));
    put('telemetry/sequence.jsonl', json({ status: 'drift', driftActive: true, snapshot: { current: 3 } }));
    const audit = { intent: 'cancel', execution: { status: 'succeeded' }, outcome: { status: 'confirmed' } };
    put('audit.jsonl', json({ ...audit, confirmation: { status: 'confirmed' }, traceId: 'tr-2' }));
    const s = JSON.parse((await status('--control-invocations-file', mgr('audit.jsonl'))).stdout);
    expect(s.visibility.heartbeat).toMatchObject({ lastHeartbeatAt: 'h1', traceId: 'tr-2' });
    expect(s.visibility.sequence).toMatchObject({ status: 'drift', driftActive: true, snapshotCurrent: 3 });
    expect(s.visibility.invocationAudit).toMatchObject({
      executionStatus: 'succeeded',
      confirmationStatus: 'confirmed',
      outcomeStatus: 'confirmed',
    });
    expect(s.files.controlInvocationsFile).toBe(mgr('audit.jsonl'));
    expect(s.traceLinkage.sharedTraceId).toBeNull();
  });

  it('given an invalid state file, then the error names it and the detail gives line and byte', async () => {
    put('state.json', '{\n  "transition": oops\n}\n');
    const r = await status();
    expect(r.code).toBe(1);
    const [first, detail] = r.stderr.split('\n');
    expect(first).toBe(`error: invalid state JSON: ${mgr('state.json')}`);
    expect(detail).toMatch(/state\.json:2:\d+: /);
  });

  it('rejects a summary window below 1 as a usage error', async () => {
    put('state.json', json(state));
    expect((await status('--summary-window', '0')).code).toBe(64);
  });
});
