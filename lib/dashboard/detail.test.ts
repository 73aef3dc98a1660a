import { describe, expect, it } from 'vitest';
import { intentRows as rowsOf, reasonRows as reasonsOf, thresholdRows as limitsOf } from './detail.js';
import { viewOf } from './lenient.js';
import { ControlRecord, HealthView } from './views.js';

const reasonRows = (h: unknown) => reasonsOf(viewOf(HealthView, h));
const thresholdRows = (h: unknown) => limitsOf(viewOf(HealthView, h));
const controls = (rs: readonly unknown[]) => rs.map((r) => viewOf(ControlRecord, r));
const intentRows = (intents: readonly unknown[], invocations: readonly unknown[]) =>
  rowsOf(controls(intents), controls(invocations));

describe('health reasons', () => {
  it('lists critical reasons first, and a bare reason code without a record too', () => {
    const rows = reasonRows({
      reasonCodes: ['a', 'b', 'c'],
      reasons: [
        { code: 'a', severity: 'degraded', metric: 'm', observed: '1', threshold: '2' },
        { code: 'b', severity: 'critical', metric: 'n', observed: 9, threshold: '5' },
      ],
    });
    expect(rows.map((r) => [r.code, r.severity, r.observed])).toEqual([
      ['b', 'critical', '9'],
      ['a', 'degraded', '1'],
      ['c', 'unknown', null],
    ]);
  });

  it('is empty for a document without reasons', () => {
    expect(reasonRows(null)).toEqual([]);
  });

  it('shows each threshold metric with its value now and both limits', () => {
    const rows = thresholdRows({
      metrics: { ingestLagSeconds: 1200, transportFailureStreak: 0 },
      thresholds: { degradedIngestLagSeconds: 300, criticalIngestLagSeconds: 900 },
    });
    expect(rows[0]).toEqual({
      metric: 'ingestLagSeconds',
      observed: 1200,
      degraded: 300,
      critical: 900,
      unit: 's',
    });
    expect(rows[2]).toMatchObject({ metric: 'heartbeatLagSeconds', observed: null, degraded: null });
  });
});

describe('control intents', () => {
  it('join the invocation audit by key, list a refusal recorded only there, newest first', () => {
    const rows = intentRows(
      [{ timestamp: '2026-02-22T11:55:00Z', intent: 'approve', status: 'ambiguous', idempotencyKey: 'k1' }],
      [
        {
          timestamp: '2026-02-22T11:55:00Z',
          intent: 'approve',
          idempotencyKey: 'k1',
          confirmation: { status: 'ambiguous' },
        },
        {
          timestamp: '2026-02-22T11:45:00Z',
          intent: 'cancel',
          idempotencyKey: 'k0',
          outcome: { status: 'refused', reasonCode: 'loop_not_current' },
        },
      ],
    );
    expect(rows.map((r) => [r.intent, r.status, r.confirmation, r.reasonCode])).toEqual([
      ['approve', 'ambiguous', 'ambiguous', null],
      ['cancel', 'refused', null, 'loop_not_current'],
    ]);
  });

  it('reads the confirmation from the intent when there is no audit', () => {
    expect(
      intentRows([{ intent: 'cancel', status: 'confirmed', confirmed: true }], [])[0]?.confirmation,
    ).toBe('confirmed');
  });
});
