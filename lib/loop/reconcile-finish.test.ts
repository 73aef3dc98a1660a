import { describe, expect, it } from 'vitest';
import { decideHealth } from './health.js';
import { evaluateDrift } from './profile-drift.js';
import {
  driftInputs,
  finalState,
  reconcileTelemetry,
  type PassOutcome,
  type ReconcileRequest,
} from './reconcile-finish.js';
import { eventSequenceProjection, sequenceDiagnostics } from './sequence.js';
import { summarizeTelemetry } from './telemetry-summary.js';
import { nextTransportHealth } from './transport-health.js';
import { readView } from './lenient.js';
import { DriftPreviousView, TransportGradeView, previousViews } from './manager-views.js';

const NONE = { transport: null, state: null, heartbeat: null, sequence: null, drift: null };
const sequence = sequenceDiagnostics({
  loopId: 'l1',
  asOf: '2026-02-22T12:00:00Z',
  snapshot: { sequenceValue: 4 },
  events: eventSequenceProjection.initial,
  previous: previousViews(NONE).sequence,
  transport: 'local',
  traceId: null,
});

const AS_OF = '2026-02-22T12:00:00Z';
const request: ReconcileRequest = {
  loopId: 'l1',
  transport: 'local',
  traceId: null,
  asOf: AS_OF,
  maxEvents: 0,
  fromStart: false,
  retryAttempts: 1,
  retryBackoffSeconds: 0,
  thresholdProfile: 'balanced',
  drift: { minConfidence: 'medium', requiredStreak: 3, summaryWindow: 200 },
};
const thresholds = {
  profile: 'balanced',
  degradedIngestLagSeconds: 300,
  criticalIngestLagSeconds: 900,
  degradedTransportFailureStreak: 2,
  criticalTransportFailureStreak: 4,
  degradedHeartbeatLagSeconds: 120,
  criticalHeartbeatLagSeconds: 300,
};
const outcome = (ok: boolean): PassOutcome => {
  const transportHealth = nextTransportHealth(previousViews(NONE).transport, {
    ok,
    failureCode: ok ? null : 'events_unavailable',
    transport: 'local',
    asOf: AS_OF,
  });
  const health = decideHealth({
    asOf: AS_OF,
    asOfMs: Date.parse(AS_OF),
    ...previousViews(NONE),
    transportHealth: readView(TransportGradeView, transportHealth),
    lastIntentStatus: null,
    transport: 'local',
    ingestStatus: ok ? 'success' : 'failed',
    failureCode: ok ? null : 'events_unavailable',
    thresholds,
    traceId: null,
  });
  return {
    poll: ok ? { eventsIngested: 3, cursorOffsetBefore: 10, cursorDoc: { eventLineOffset: 13 } } : null,
    failure: ok ? null : { failureCode: 'events_unavailable', message: 'no events log' },
    health,
    transportHealth,
    sequence: ok ? sequence : null,
    cursorBefore: 10,
    durationSeconds: 2,
  };
};
const summary = summarizeTelemetry({
  generatedAt: AS_OF,
  repoPath: '/repo',
  loopId: 'l1',
  reconcileTelemetryFile: 'reconcile.jsonl',
  controlTelemetryFile: 'control.jsonl',
  window: 200,
  reconcile: [],
  control: [],
});

describe('given a pass that read three events', () => {
  it('then its telemetry line moves the cursor from 10 to 13 and reports the health', () => {
    expect(reconcileTelemetry(request, outcome(true))).toMatchObject({
      timestamp: AS_OF,
      status: 'success',
      cursorOffsetBefore: 10,
      cursorOffsetAfter: 13,
      eventsIngested: 3,
      healthStatus: 'healthy',
      durationSeconds: 2,
    });
  });

  it('then it reports the sequence diagnostics status as sequenceStatus, with no reason code when ok', () => {
    const line = reconcileTelemetry(request, outcome(true));
    expect(line['sequenceStatus']).toBe('ok');
    expect(line).not.toHaveProperty('sequenceReasonCode');
  });
});

describe('given a pass whose ingest failed', () => {
  it('then its telemetry line keeps the saved cursor and names the failure', () => {
    expect(reconcileTelemetry(request, outcome(false))).toMatchObject({
      status: 'failed',
      failureCode: 'events_unavailable',
      cursorOffsetBefore: 10,
      cursorOffsetAfter: 10,
      eventsIngested: 0,
    });
  });

  it('then the sequence diagnostics read as skipped_ingest_failed', () => {
    expect(reconcileTelemetry(request, outcome(false))).toMatchObject({
      sequenceStatus: 'skipped_ingest_failed',
    });
  });
});

describe('given the telemetry summary after the pass', () => {
  const inputs = driftInputs(request, summary);

  it('then drift compares the applied profile with the recommendation under the drift settings', () => {
    expect(inputs).toMatchObject({
      loopId: 'l1',
      asOf: AS_OF,
      appliedProfile: 'balanced',
      recommendedProfile: summary.recommendedProfile,
      minConfidence: 'medium',
      requiredStreak: 3,
    });
  });

  const judgedNow = () => ({
    health: outcome(true).health,
    drift: evaluateDrift({ ...inputs, previous: readView(DriftPreviousView, {}) }),
    summary,
    sequence,
  });

  it('then the state document gains health, drift, tuning and sequence, and no state stays no state', () => {
    const judged = judgedNow();
    const state = finalState(request, { loopId: 'l1', projection: {} }, judged);
    expect(state).toMatchObject({ loopId: 'l1', health: judged.health, drift: judged.drift, sequence });
    expect(state?.['tuning']).toMatchObject({ appliedProfile: 'balanced', summaryWindow: 200 });
    expect(finalState(request, null, judged)).toBeNull();
  });

  it('given a trace id, then the state records it in drift.traceId and trace.reconcileTraceId, keeping other traces', () => {
    const traced = { ...request, traceId: 'tr-5' };
    const state = finalState(traced, { trace: { controlTraceId: 'c1' } }, judgedNow());
    expect(state?.['drift']).toMatchObject({ traceId: 'tr-5' });
    expect(state?.['trace']).toEqual({ controlTraceId: 'c1', reconcileTraceId: 'tr-5' });
  });

  it('given a failed ingest (no diagnostics), then the state keeps the sequence the last pass recorded', () => {
    const before = { loopId: 'l1', sequence: { status: 'ordering_drift_detected' } };
    const state = finalState(request, before, { ...judgedNow(), sequence: null });
    expect(state?.['sequence']).toEqual({ status: 'ordering_drift_detected' });
  });
});
