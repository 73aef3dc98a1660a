import { describe, expect, it } from 'vitest';
import { fold } from '../core/projection.js';
import {
  activeEscalations,
  decodeEscalation,
  dedupeKeyOf,
  EscalationLineView,
  escalationsProjection,
  planEscalations,
  type ActiveCondition,
} from './escalations.js';
import { readView } from './lenient.js';
import { divergenceConditions, driftConditions, healthConditions } from './escalations-conditions.js';

const asOf = '2026-02-22T12:00:00Z';
const scope = { loopId: 'demo', categories: ['health_degraded', 'health_critical', 'divergence_detected'] };
const cond = (category: string, condition: string, loopId = 'demo'): ActiveCondition => ({
  loopId,
  category,
  condition,
  record: { timestamp: asOf, transport: 'local', reasonCodes: [condition] },
});
const log = (records: readonly unknown[]) =>
  fold(
    escalationsProjection,
    records.map((value, i) => ({
      value: readView(EscalationLineView, value),
      position: { line: i + 1, byteOffset: i * 10 },
    })),
  );
const plan = (history: unknown[], active: ActiveCondition[]) =>
  planEscalations({ history: log(history), active, scope, asOf, resolveExtras: { traceId: 't-2' } });

describe('when a condition becomes active', () => {
  it('is raised with the reference keys plus dedupeKey and escalationAction', () => {
    expect(plan([], [cond('health_degraded', 'ingest_stale')])).toEqual([
      {
        timestamp: asOf,
        loopId: 'demo',
        category: 'health_degraded',
        transport: 'local',
        reasonCodes: ['ingest_stale'],
        dedupeKey: 'demo/health_degraded/ingest_stale',
        escalationAction: 'raise',
      },
    ]);
  });
  it('is raised once when it is listed twice', () => {
    const c = cond('health_degraded', 'ingest_stale');
    expect(plan([], [c, c])).toHaveLength(1);
  });
});

describe('while a condition stays active', () => {
  it('appends nothing', () => {
    const first = plan([], [cond('health_degraded', 'ingest_stale')]);
    expect(plan(first, [cond('health_degraded', 'ingest_stale')])).toEqual([]);
  });
});

describe('when a condition clears', () => {
  it('is resolved once, naming when it was raised, then forgotten', () => {
    const first = plan([], [cond('divergence_detected', 'cursorRegression')]);
    const second = plan(first, []);
    expect(second).toEqual([
      {
        timestamp: asOf,
        traceId: 't-2',
        loopId: 'demo',
        category: 'divergence_detected',
        dedupeKey: 'demo/divergence_detected/cursorRegression',
        escalationAction: 'resolve',
        raisedAt: asOf,
      },
    ]);
    expect(plan([...first, ...second], [])).toEqual([]);
  });
  it('is raised again when it comes back', () => {
    const first = plan([], [cond('health_critical', 'transport_unreachable')]);
    const second = plan(first, []);
    expect(plan([...first, ...second], [cond('health_critical', 'transport_unreachable')])).toMatchObject([
      { escalationAction: 'raise' },
    ]);
  });
  it('resolves the degraded key and raises the critical one when a reason worsens', () => {
    const first = plan([], [cond('health_degraded', 'ingest_stale')]);
    expect(
      plan(first, [cond('health_critical', 'ingest_stale')]).map((r) => [
        r['escalationAction'],
        r['dedupeKey'],
      ]),
    ).toEqual([
      ['raise', 'demo/health_critical/ingest_stale'],
      ['resolve', 'demo/health_degraded/ingest_stale'],
    ]);
  });
});

describe('the scope of a plan', () => {
  it("never resolves another caller's categories or another loop", () => {
    const drift = {
      dedupeKey: dedupeKeyOf('demo', 'profile_drift_detected', 'profile_drift_detected'),
      escalationAction: 'raise',
    };
    const other = {
      dedupeKey: dedupeKeyOf('other', 'health_degraded', 'ingest_stale'),
      escalationAction: 'raise',
    };
    expect(plan([drift, other], [])).toEqual([]);
  });
  it('ignores active conditions outside the scope', () => {
    expect(
      plan(
        [],
        [cond('profile_drift_detected', 'profile_drift_detected'), cond('health_degraded', 'x', 'other')],
      ),
    ).toEqual([]);
  });
});

describe('folding escalations.jsonl', () => {
  it('counts reference records without a dedupe key and does not treat them as raised', () => {
    const h = log([
      { timestamp: asOf, loopId: 'demo', category: 'health_degraded', reasonCodes: ['ingest_stale'] },
    ]);
    expect([h.records, h.unkeyed, activeEscalations(h)]).toEqual([1, 1, []]);
    expect(plan([{ category: 'health_degraded' }], [cond('health_degraded', 'ingest_stale')])).toHaveLength(
      1,
    );
  });
  it('lists the active set by key with the line that raised each', () => {
    const h = log(plan([], [cond('health_degraded', 'b'), cond('health_degraded', 'a')]));
    expect(activeEscalations(h).map((r) => [r.condition, r.line])).toEqual([
      ['a', 2],
      ['b', 1],
    ]);
  });
  it('accepts any JSON object as a record and refuses anything else', () => {
    expect(decodeEscalation({ category: 'x' })._tag).toBe('Right');
    expect(decodeEscalation([1])._tag).toBe('Left');
    expect(decodeEscalation('x')._tag).toBe('Left');
  });
});

describe('condition builders', () => {
  const ctx = { loopId: 'demo', transport: 'local', traceId: 'trace-1' };
  it('make one health condition per reason, categorised by its severity, with the health record keys', () => {
    const health = {
      updatedAt: asOf,
      status: 'critical',
      reasonCodes: ['control_ambiguous', 'ingest_stale'],
      reasons: [
        { code: 'control_ambiguous', severity: 'degraded' },
        { code: 'ingest_stale', severity: 'critical' },
      ],
      transport: { ingestStatus: 'success', failureCode: null },
    };
    const files = { stateFile: 's', cursorFile: 'c', healthFile: 'h' };
    const out = healthConditions(health, ctx, files);
    expect(out.map((c) => [c.category, c.condition])).toEqual([
      ['health_degraded', 'control_ambiguous'],
      ['health_critical', 'ingest_stale'],
    ]);
    expect(Object.keys(out[0]?.record ?? {}).sort()).toEqual(
      [
        'category',
        'cursorFile',
        'healthFile',
        'healthStatus',
        'ingestStatus',
        'loopId',
        'reasonCodes',
        'reasons',
        'stateFile',
        'timestamp',
        'traceId',
        'transport',
      ].sort(),
    );
  });
  it('make one divergence condition per true flag', () => {
    const state = {
      divergence: {
        any: true,
        flags: { activeMismatch: true, approvalCompletionConflict: false, cursorRegression: true },
      },
      transition: { currentState: 'running' },
      projection: {},
      cursor: { eventLineOffset: 2 },
    };
    const out = divergenceConditions(state, { ...ctx, timestamp: asOf }, { stateFile: 's', cursorFile: 'c' });
    expect(out.map((c) => c.condition)).toEqual(['activeMismatch', 'cursorRegression']);
    expect(out[0]?.record).toMatchObject({
      category: 'divergence_detected',
      state: { cursor: { eventLineOffset: 2 } },
    });
  });
  it('make a drift condition only while drift is active', () => {
    const files = { driftStateFile: 'd', driftHistoryFile: 'h' };
    expect(driftConditions({ driftActive: false }, { ...ctx, transport: null }, files)).toEqual([]);
    const [c] = driftConditions(
      { driftActive: true, updatedAt: asOf, appliedProfile: 'balanced' },
      { ...ctx, transport: null },
      files,
    );
    expect(c?.record).toMatchObject({
      category: 'profile_drift_detected',
      reasonCode: 'profile_drift_detected',
      appliedProfile: 'balanced',
      traceId: 'trace-1',
    });
    expect(c?.record).not.toHaveProperty('transport');
  });
});
