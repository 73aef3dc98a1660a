import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import { decode } from '../core/codec.js';
import { decideHealth, uniqueReasons, type HealthInputs } from './health.js';
import { HealthDocCodec } from './health-codecs.js';
import { readView } from './lenient.js';
import {
  DriftGradeView,
  HeartbeatView,
  SequenceView,
  StateView,
  TransportGradeView,
} from './manager-views.js';

// The documents as files hold them; the runner decodes each through its view, and so do these tests.
interface RawDocs {
  readonly state?: unknown;
  readonly transportHealth?: unknown;
  readonly heartbeat?: unknown;
  readonly sequence?: unknown;
  readonly drift?: unknown;
}
type Given = Partial<Omit<HealthInputs, keyof RawDocs>> & RawDocs;
const base: Omit<HealthInputs, keyof RawDocs> = {
  asOf: '2026-02-22T12:00:00Z',
  asOfMs: Date.parse('2026-02-22T12:00:00Z'),
  lastIntentStatus: null,
  transport: 'local',
  ingestStatus: 'success',
  failureCode: null,
  thresholds: {
    profile: null,
    degradedIngestLagSeconds: 300,
    criticalIngestLagSeconds: 900,
    degradedTransportFailureStreak: 2,
    criticalTransportFailureStreak: 4,
    degradedHeartbeatLagSeconds: 120,
    criticalHeartbeatLagSeconds: 300,
  },
  traceId: null,
};
const health = (i: Given) =>
  decideHealth({
    ...base,
    ...i,
    state: readView(StateView, i.state),
    transportHealth: readView(TransportGradeView, i.transportHealth),
    heartbeat: readView(HeartbeatView, i.heartbeat),
    sequence: readView(SequenceView, i.sequence),
    drift: readView(DriftGradeView, i.drift),
  });
const eventAgo = (seconds: number) => ({
  projection: { lastEventAt: new Date(base.asOfMs - seconds * 1000).toISOString().replace('.000Z', 'Z') },
});

describe('when nothing is wrong', () => {
  it('is healthy with no reasons and honest nulls for missing evidence', () => {
    const h = health({});
    expect([h.status, h.reasonCodes, h.reasons]).toEqual(['healthy', [], []]);
    expect(h.metrics).toEqual({
      ingestLagSeconds: null,
      transportFailureStreak: 0,
      lastControlStatus: null,
      lifecycleState: 'unknown',
      heartbeatLagSeconds: null,
      sequenceStatus: null,
      profileDriftStatus: null,
    });
    expect(E.isRight(decode(HealthDocCodec, h))).toBe(true);
  });
  it('reads the lifecycle from the transition, then the projection status', () => {
    expect(health({ state: { transition: { currentState: 'running' } } }).metrics.lifecycleState).toBe(
      'running',
    );
    expect(health({ state: { projection: { status: 'idle' } } }).metrics.lifecycleState).toBe('idle');
  });
});

describe('ingest staleness', () => {
  it.each([
    [299, 'healthy', []],
    [300, 'degraded', [['ingest_stale', 'degraded', '300', '300']]],
    [900, 'critical', [['ingest_stale', 'critical', '900', '900']]],
  ])('with the last event %i s old is %s', (ago, status, reasons) => {
    const h = health({ state: eventAgo(ago) });
    expect(h.status).toBe(status);
    expect(h.reasons.map((r) => [r.code, r.severity, r.observed, r.threshold])).toEqual(reasons);
    expect(h.metrics.ingestLagSeconds).toBe(ago);
  });
  it('clamps a future event to zero lag', () => {
    expect(health({ state: eventAgo(-60) }).metrics.ingestLagSeconds).toBe(0);
  });
  it.each(['yesterday', '2026-02-22T11:55:00', 'Feb 22 2026', '1'])(
    'has no lag when the timestamp %j is not RFC 3339 with a zone (never read in the machine zone)',
    (lastEventAt) => {
      expect(health({ state: { projection: { lastEventAt } } }).metrics.ingestLagSeconds).toBeNull();
    },
  );
});

describe('transport failures', () => {
  it('grades the failure streak against the thresholds', () => {
    expect(health({ transportHealth: { failureStreak: 2 } }).status).toBe('degraded');
    expect(health({ transportHealth: { failureStreak: 4 } }).status).toBe('critical');
    expect(health({ transportHealth: { failureStreak: 'many' } }).metrics.transportFailureStreak).toBe(0);
  });
  it.each([
    ['snapshot_unavailable', 'transport_unreachable'],
    ['events_unavailable', 'transport_unreachable'],
    ['service_request_failed', 'transport_unreachable'],
    ['service_response_invalid', 'invalid_transport_payload'],
    ['projection_failed', 'projection_failed'],
    [null, 'reconcile_failed'],
    ['custom_code', 'custom_code'],
    ['constructor', 'constructor'],
  ])('maps a failed ingest with code %s to %s', (failureCode, code) => {
    const h = health({ ingestStatus: 'failed', failureCode });
    expect([h.status, h.reasonCodes]).toEqual(['degraded', [code]]);
    expect(h.reasons[0]).toMatchObject({ metric: 'ingestStatus', observed: 'failed', threshold: 'success' });
  });
  it('keeps the streak reason when a failed ingest adds the same code and severity', () => {
    const h = health({
      transportHealth: { failureStreak: 2 },
      ingestStatus: 'failed',
      failureCode: 'service_request_failed',
    });
    expect(h.reasons).toEqual([
      {
        code: 'transport_unreachable',
        severity: 'degraded',
        metric: 'transportFailureStreak',
        observed: '2',
        threshold: '2',
      },
    ]);
  });
});

describe('control, divergence, heartbeat, sequence and drift', () => {
  it('degrades on an ambiguous or failed last control intent only', () => {
    expect(health({ lastIntentStatus: 'ambiguous' }).reasonCodes).toEqual(['control_ambiguous']);
    expect(health({ lastIntentStatus: 'failed_command' }).reasonCodes).toEqual(['control_failed_command']);
    expect(health({ lastIntentStatus: 'executed_confirmed' }).status).toBe('healthy');
  });
  it('degrades on divergence', () => {
    expect(health({ state: { divergence: { any: true } } }).reasonCodes).toEqual(['divergence_detected']);
  });
  it('grades the runtime heartbeat lag with its own thresholds', () => {
    const beat = (ago: number) => ({
      lastHeartbeatAt: new Date(base.asOfMs - ago * 1000).toISOString(),
    });
    expect(health({ heartbeat: beat(119) }).status).toBe('healthy');
    expect(health({ heartbeat: beat(120) }).reasons[0]).toMatchObject({
      code: 'runtime_heartbeat_stale',
      severity: 'degraded',
      metric: 'heartbeatLagSeconds',
    });
    expect(health({ heartbeat: beat(300) }).status).toBe('critical');
  });
  it('degrades on ordering drift from the sequence state', () => {
    const h = health({ sequence: { status: 'ordering_drift_detected', updatedAt: '2026-02-22T11:00:00Z' } });
    expect(h.reasons).toEqual([
      {
        code: 'ordering_drift_detected',
        severity: 'degraded',
        metric: 'sequence.status',
        observed: 'ordering_drift_detected',
        threshold: 'ok',
      },
    ]);
    expect(h.evidence.sequenceUpdatedAt).toBe('2026-02-22T11:00:00Z');
    expect(health({ sequence: { status: 'ok', driftActive: false } }).status).toBe('healthy');
  });
  it('degrades on active profile drift', () => {
    const h = health({ drift: { status: 'drift_active', driftActive: true } });
    expect([h.reasonCodes, h.metrics.profileDriftStatus]).toEqual([
      ['profile_drift_detected'],
      'drift_active',
    ]);
  });
  it('is critical when any reason is critical, listing every reason in code:severity order', () => {
    const h = health({
      state: { divergence: { any: true }, projection: { lastEventAt: '2026-02-22T11:40:00Z' } },
      transportHealth: { failureStreak: 9 },
      lastIntentStatus: 'ambiguous',
    });
    expect(h.status).toBe('critical');
    expect(h.reasons.map((r) => `${r.code}:${r.severity}`)).toEqual([
      'control_ambiguous:degraded',
      'divergence_detected:degraded',
      'ingest_stale:critical',
      'transport_unreachable:critical',
    ]);
  });
});

describe('reason de-duplication', () => {
  it('keeps one reason per code and severity, both severities of one code, codes once', () => {
    const r = (code: string, severity: 'degraded' | 'critical', metric: string) => ({
      code,
      severity,
      metric,
      observed: '1',
      threshold: '1',
    });
    const out = uniqueReasons([
      r('b', 'degraded', 'first'),
      r('a', 'critical', 'x'),
      r('b', 'degraded', 'second'),
      r('b', 'critical', 'y'),
    ]);
    expect(out.map((x) => [x.code, x.severity, x.metric])).toEqual([
      ['a', 'critical', 'x'],
      ['b', 'critical', 'y'],
      ['b', 'degraded', 'first'],
    ]);
  });
});

describe('given a last event timestamp health cannot grade', () => {
  it.each([
    ['not-a-date', 'ingest_timestamp_invalid', 'RFC 3339', null],
    ['2026-02-30T11:59:00Z', 'ingest_timestamp_invalid', 'RFC 3339', null],
    ['2099-01-01T00:00:00Z', 'ingest_timestamp_in_future', '2026-02-22T12:00:00Z', 0],
  ])(
    'when it is %j, then health is degraded with %s instead of looking fresh',
    (at, code, threshold, lag) => {
      const h = health({ state: { projection: { lastEventAt: at } } });
      expect([h.status, h.reasonCodes]).toEqual(['degraded', [code]]);
      expect(h.reasons[0]).toEqual({
        code,
        severity: 'degraded',
        metric: 'evidence.lastEventAt',
        observed: at,
        threshold,
      });
      expect(h.metrics.ingestLagSeconds).toBe(lag);
    },
  );
  it('when it is ahead by no more than the allowed clock skew, then it is fresh', () => {
    expect(health({ state: eventAgo(-60) }).reasonCodes).toEqual([]);
    expect(health({ state: eventAgo(-61) }).reasonCodes).toEqual(['ingest_timestamp_in_future']);
  });
  it('when there is no event yet, then nothing is reported', () => {
    expect(health({ state: { projection: { lastEventAt: null } } }).reasonCodes).toEqual([]);
  });
});

describe('given a runtime heartbeat timestamp health cannot grade', () => {
  it.each([
    ['not-a-date', 'heartbeat_timestamp_invalid'],
    ['2026-02-30T11:59:00Z', 'heartbeat_timestamp_invalid'],
    ['2099-01-01T00:00:00Z', 'heartbeat_timestamp_in_future'],
  ])('when it is %j, then health is degraded with %s', (lastHeartbeatAt, code) => {
    const h = health({ state: eventAgo(10), heartbeat: { lastHeartbeatAt } });
    expect([h.status, h.reasonCodes]).toEqual(['degraded', [code]]);
    expect(h.reasons[0]).toMatchObject({ metric: 'evidence.lastHeartbeatAt', observed: lastHeartbeatAt });
  });
});
