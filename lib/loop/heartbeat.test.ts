import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import { decode } from '../core/codec.js';
import {
  HeartbeatStateCodec,
  HeartbeatTelemetryCodec,
  heartbeatState,
  heartbeatTelemetry,
  type HeartbeatInputs,
} from './heartbeat.js';
import { RuntimeDoc } from './envelope-views.js';
import { readView } from './lenient.js';

const asOfMs = Date.parse('2026-02-22T12:00:00Z');
const base: Omit<HeartbeatInputs, 'runtime'> = {
  loopId: 'demo-loop',
  asOf: '2026-02-22T12:00:00Z',
  asOfMs,
  sourceFile: '.superloop/loops/demo-loop/heartbeat.v1.json',
  thresholds: { degradedHeartbeatLagSeconds: 120, criticalHeartbeatLagSeconds: 300 },
  transport: 'local',
  traceId: 'trace-1',
};
const beatAgo = (seconds: number) => ({
  schemaVersion: 'v1',
  timestamp: new Date(asOfMs - seconds * 1000).toISOString().replace('.000Z', 'Z'),
  source: 'runtime',
  status: 'running',
  stage: 'iteration',
});
// `runtime` as the file holds it, decoded through its view as the runner does.
const state = (i: Partial<Omit<HeartbeatInputs, 'runtime'>> & { runtime?: unknown }) =>
  heartbeatState({ ...base, ...i, runtime: readView(RuntimeDoc, i.runtime ?? null) });

describe('runtime heartbeat freshness', () => {
  it.each([
    [0, 'fresh', null],
    [119, 'fresh', null],
    [120, 'degraded', 'runtime_heartbeat_stale'],
    [299, 'degraded', 'runtime_heartbeat_stale'],
    [300, 'critical', 'runtime_heartbeat_stale'],
  ])('a heartbeat %i s old is %s', (ago, freshness, reason) => {
    const s = state({ runtime: beatAgo(ago) });
    expect([s.freshnessStatus, s.reasonCode, s.heartbeatLagSeconds]).toEqual([freshness, reason, ago]);
  });
  it('uses the thresholds it is given', () => {
    const s = state({
      runtime: beatAgo(5),
      thresholds: { degradedHeartbeatLagSeconds: 1, criticalHeartbeatLagSeconds: 999 },
    });
    expect(s.freshnessStatus).toBe('degraded');
  });
  it('is unknown, not stale, when there is no heartbeat or it has no readable timestamp', () => {
    expect([state({}).freshnessStatus, state({}).reasonCode, state({}).runtime]).toEqual([
      'unknown',
      null,
      null,
    ]);
    const s = state({ runtime: { status: 'running', timestamp: 'soon' } });
    expect([s.freshnessStatus, s.lastHeartbeatAt, s.heartbeatLagSeconds]).toEqual(['unknown', 'soon', null]);
  });
  it('keeps the runtime status, stage and source as evidence', () => {
    expect(state({ runtime: beatAgo(1) }).runtime).toEqual({
      status: 'running',
      stage: 'iteration',
      source: 'runtime',
    });
  });
  it('writes documents and telemetry lines that satisfy their contracts', () => {
    const s = state({ runtime: beatAgo(200) });
    expect(E.isRight(decode(HeartbeatStateCodec, s))).toBe(true);
    const line = heartbeatTelemetry(s);
    expect(E.isRight(decode(HeartbeatTelemetryCodec, line))).toBe(true);
    expect(line).toMatchObject({ status: 'degraded', traceId: 'trace-1', runtimeStatus: 'running' });
  });
});

describe('a heartbeat timestamp without a zone', () => {
  it('is no heartbeat lag at all, whatever the machine zone', () => {
    const s = state({ runtime: { ...beatAgo(0), timestamp: '2026-02-22T11:59:00' } });
    expect([s.heartbeatLagSeconds, s.freshnessStatus]).toEqual([null, state({}).freshnessStatus]);
  });
});

describe('given a runtime heartbeat document', () => {
  const beat = { ...beatAgo(30), extra: { pid: 7 } };
  const s = state({ runtime: beat });

  it('then the state carries it as written under `heartbeat`, as the reference does', () => {
    expect(s.heartbeat).toEqual(beat);
  });
  it('then the telemetry line carries it too, with its time as heartbeatAt', () => {
    expect(heartbeatTelemetry(s)).toMatchObject({ heartbeat: beat, heartbeatAt: beat.timestamp });
  });
  it('given none, then there is no heartbeat to carry', () => {
    expect(state({ runtime: null }).heartbeat).toBeNull();
  });
});
