import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import type { ProjectedState } from './project-state.js';
import {
  decideReconcile,
  type IngestedFacts,
  type ReconcileContext,
  type ReconcilePrevious,
} from './reconcile-decision.js';
import { eventSequenceProjection } from './sequence.js';
import { readView } from './lenient.js';
import { SnapshotView } from './envelope-views.js';
import { TransportPreviousView, previousViews } from './manager-views.js';
import { testContext } from './reconcile-context.test-kit.js';

const AS_OF = '2026-02-22T12:00:00Z';
const M = '/repo/.superloop/ops-manager/l1';
const ctx: ReconcileContext = testContext({ loopId: 'l1', repo: '/repo' }, M, `${M}/telemetry`, AS_OF);
const nothingBefore: ReconcilePrevious = {
  ...previousViews({ transport: null, state: null, heartbeat: null, sequence: null, drift: null }),
  lastIntentStatus: null,
};
// Only the fields health and divergence read: the projected state is opaque to the decision.
const stateWith = (extra: Record<string, unknown>) =>
  ({
    projection: { lastEventAt: '2026-02-22T11:59:00Z' },
    transition: {},
    cursor: {},
    divergence: { any: false, flags: {} },
    ...extra,
  }) as unknown as ProjectedState;
// The snapshot as fetched, decoded through its view as the ingest does.
const ingested = (over: Partial<Omit<IngestedFacts, 'snapshot'>> & { snapshot?: unknown } = {}) =>
  E.right<never, IngestedFacts>({
    state: stateWith({}),
    sequence: eventSequenceProjection.initial,
    ...over,
    snapshot: readView(
      SnapshotView,
      over.snapshot ?? {
        sequence: { value: 7 },
        runtime: { heartbeat: { timestamp: '2026-02-22T11:59:30Z', status: 'running' } },
      },
    ),
  });
const failed = E.left({ failureCode: 'events_unavailable', message: 'no events log' });
const targets = (d: ReturnType<typeof decideReconcile>) => d.effects.map((e) => `${e.kind} ${e.file}`);

describe('given a fresh ingest with a runtime heartbeat', () => {
  const d = decideReconcile(ctx, nothingBefore, ingested());

  it('then it writes transport health, heartbeat and sequence (each with telemetry), and health last', () => {
    expect(targets(d)).toEqual([
      `write ${M}/telemetry/transport-health.json`,
      `write ${M}/heartbeat.json`,
      `append ${M}/telemetry/heartbeat.jsonl`,
      `write ${M}/sequence-state.json`,
      `append ${M}/telemetry/sequence.jsonl`,
      `write ${M}/health.json`,
    ]);
    expect(d.effects[d.effects.length - 1]).toMatchObject({ doc: d.health });
  });

  it('then the loop is healthy, the heartbeat fresh and named repo-relative, the streak zero', () => {
    expect([d.health.status, d.health.reasonCodes]).toEqual(['healthy', []]);
    expect(d.seen.heartbeat).toMatchObject({
      freshnessStatus: 'fresh',
      sourceFile: '.superloop/loops/l1/heartbeat.v1.json',
    });
    expect(d.transportHealth).toMatchObject({
      lastResult: 'success',
      failureStreak: 0,
      lastSuccessAt: AS_OF,
    });
  });

  it('then nothing is active, and health, divergence and ordering escalations may be resolved', () => {
    expect(d.escalations.active).toEqual([]);
    expect(d.escalations.scope).toEqual({
      loopId: 'l1',
      categories: ['health_degraded', 'health_critical', 'divergence_detected', 'ordering_drift_detected'],
    });
    expect(d.escalations).toMatchObject({
      file: `${M}/escalations.jsonl`,
      asOf: AS_OF,
      resolveExtras: { transport: 'local' },
    });
  });
});

describe('given a snapshot without a runtime heartbeat', () => {
  it('then no heartbeat is written and the previous one is judged', () => {
    const prev = { ...nothingBefore, heartbeat: { lastHeartbeatAt: '2026-02-22T11:50:00Z' } };
    const d = decideReconcile(ctx, prev, ingested({ snapshot: { sequence: { value: 7 } } }));
    expect(d.seen.heartbeat).toBeNull();
    expect(targets(d)).not.toContain(`write ${M}/heartbeat.json`);
    expect(d.health.reasonCodes).toContain('runtime_heartbeat_stale');
  });
});

describe('given a projected state with an active mismatch', () => {
  it('then divergence is an active condition naming the state and cursor files', () => {
    const state = stateWith({ divergence: { any: true, flags: { activeMismatch: true } } });
    const d = decideReconcile(ctx, nothingBefore, ingested({ state }));
    expect(d.health.reasonCodes).toContain('divergence_detected');
    const divergence = d.escalations.active.filter((c) => c.category === 'divergence_detected');
    expect(divergence.map((c) => c.condition)).toEqual(['activeMismatch']);
  });
});

describe('given a failed ingest after one earlier failure', () => {
  const transport = { failureStreak: 1, lastSuccessAt: '2026-02-22T11:00:00Z' };
  const prev = { ...nothingBefore, transport: readView(TransportPreviousView, transport) };
  const d = decideReconcile({ ...ctx, traceId: 't-1' }, prev, failed);

  it('then the streak grows, health is degraded with the failure code, and only health is written', () => {
    expect(d.transportHealth).toMatchObject({
      lastResult: 'failed',
      failureStreak: 2,
      lastFailureCode: 'events_unavailable',
      lastSuccessAt: '2026-02-22T11:00:00Z',
    });
    expect(d.health.status).toBe('degraded');
    expect(targets(d)).toEqual([`write ${M}/telemetry/transport-health.json`, `write ${M}/health.json`]);
  });

  it('then divergence escalations are left as they are, and resolves carry the trace id', () => {
    expect(d.escalations.scope.categories).toEqual(['health_degraded', 'health_critical']);
    expect(d.escalations.resolveExtras).toEqual({ transport: 'local', traceId: 't-1' });
  });
});

describe('given a snapshot sequence that went backwards since the last pass', () => {
  const prev = {
    ...nothingBefore,
    ...previousViews({
      transport: null,
      state: null,
      heartbeat: null,
      sequence: { snapshotCurrent: 9 },
      drift: null,
    }),
  };
  const d = decideReconcile({ ...ctx, traceId: 't-2' }, prev, ingested());

  it('then ordering drift is one active condition, after divergence and before health, with the reference keys', () => {
    const categories = d.escalations.active.map((c) => c.category);
    expect(categories).toEqual(['ordering_drift_detected', 'health_degraded']);
    expect(d.escalations.active[0]).toMatchObject({
      condition: 'ordering_drift_detected',
      record: {
        timestamp: AS_OF,
        loopId: 'l1',
        traceId: 't-2',
        category: 'ordering_drift_detected',
        transport: 'local',
        reasonCode: 'ordering_drift_detected',
        stateFile: `${M}/state.json`,
        sequenceStateFile: `${M}/sequence-state.json`,
        sequenceTelemetryFile: `${M}/telemetry/sequence.jsonl`,
        sequence: {
          status: 'ordering_drift_detected',
          driftActive: true,
          violations: ['snapshot_sequence_regression'],
          snapshot: { current: 7, previous: 9 },
        },
      },
    });
  });
});

describe('given ordering drift and then a failed ingest', () => {
  it('then the ordering escalation is out of scope: neither raised again nor resolved', () => {
    const d = decideReconcile(ctx, nothingBefore, failed);
    expect(d.escalations.scope.categories).not.toContain('ordering_drift_detected');
    expect(d.escalations.active.map((c) => c.category)).not.toContain('ordering_drift_detected');
  });
});
