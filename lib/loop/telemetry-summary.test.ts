import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import { decode } from '../core/codec.js';
import {
  TelemetrySummaryCodec,
  percentile,
  reasonCodeFrequency,
  summarizeTelemetry,
  type TelemetrySummaryInputs,
} from './telemetry-summary.js';

const base: TelemetrySummaryInputs = {
  generatedAt: '2026-02-22T12:00:00Z',
  repoPath: '/repo',
  loopId: 'demo-loop',
  reconcileTelemetryFile: '/repo/.superloop/ops-manager/demo-loop/telemetry/reconcile.jsonl',
  controlTelemetryFile: '/repo/.superloop/ops-manager/demo-loop/telemetry/control.jsonl',
  window: 50,
  reconcile: [],
  control: [],
};
const rec = (status: string, healthStatus: string, codes: string[], durationSeconds: unknown = 1) => ({
  timestamp: '2026-02-22T10:00:00Z',
  status,
  healthStatus,
  healthReasonCodes: codes,
  durationSeconds,
});
const healthy = (n: number) => Array.from({ length: n }, () => rec('success', 'healthy', []));
const summary = (i: Partial<TelemetrySummaryInputs>) => summarizeTelemetry({ ...base, ...i });

describe('the profile recommendation', () => {
  it('keeps balanced with low confidence when there is no telemetry yet', () => {
    const s = summary({});
    expect([s.recommendedProfile, s.confidence, s.rationale]).toEqual([
      'balanced',
      'low',
      'No telemetry window yet; keep balanced defaults',
    ]);
    expect(s.observed.durationSeconds).toEqual({ p50: null, p95: null, max: null });
  });
  it('recommends relaxed for high critical and failure rates', () => {
    const s = summary({
      reconcile: [
        rec('failed', 'critical', ['transport_unreachable'], 3),
        rec('failed', 'critical', ['transport_unreachable'], 4),
        rec('success', 'degraded', ['ingest_stale'], 2),
        rec('success', 'healthy', [], 1),
      ],
    });
    expect(s.recommendedProfile).toBe('relaxed');
    expect(s.observed).toMatchObject({
      reconcileAttempts: 4,
      reconcileSuccessCount: 2,
      reconcileFailedCount: 2,
      health: { degradedCount: 1, criticalCount: 2, degradedRate: 0.25, criticalRate: 0.5 },
      durationSeconds: { p50: 2, p95: 3, max: 4 },
    });
  });
  it('recommends strict with medium confidence for 40 healthy runs', () => {
    const s = summary({ reconcile: healthy(40) });
    expect([s.recommendedProfile, s.confidence]).toEqual(['strict', 'medium']);
  });
  it('says high confidence from 100 attempts', () => {
    expect(summary({ reconcile: healthy(100) }).confidence).toBe('high');
    expect(summary({ reconcile: healthy(99) }).confidence).toBe('medium');
    expect(summary({ reconcile: healthy(29) }).confidence).toBe('low');
  });
  it('keeps balanced when an ambiguous control outcome spoils an otherwise stable window', () => {
    const s = summary({
      reconcile: healthy(40),
      control: [{ status: 'executed' }, { reasonCode: 'control_ambiguous' }],
    });
    expect([s.recommendedProfile, s.observed.control.ambiguousCount]).toEqual(['balanced', 1]);
    expect(s.rationale).toBe('Observed mixed signals; keep balanced thresholds');
  });
  it('takes the rate boundaries as the reference does (critical 0.20, failed 0.25 relax)', () => {
    const fails = (n: number) => Array.from({ length: n }, () => rec('failed', 'healthy', []));
    expect(summary({ reconcile: [...fails(1), ...healthy(3)] }).recommendedProfile).toBe('relaxed');
    expect(summary({ reconcile: [...fails(1), ...healthy(4)] }).recommendedProfile).toBe('balanced');
    const crit = [rec('success', 'critical', []), ...healthy(4)];
    expect(summary({ reconcile: crit }).recommendedProfile).toBe('relaxed');
  });
  it('satisfies its contract', () => {
    expect(E.isRight(decode(TelemetrySummaryCodec, summary({ reconcile: healthy(3) })))).toBe(true);
  });
});

describe('summary helpers', () => {
  it('orders reason codes by count, ties by code descending', () => {
    expect(reasonCodeFrequency(['b', 'a', 'c', 'a', 'c'])).toEqual([
      { code: 'c', count: 2 },
      { code: 'a', count: 2 },
      { code: 'b', count: 1 },
    ]);
  });
  it('takes percentiles at floor((n-1)p) of the sorted values', () => {
    expect(percentile([5, 1, 4, 2, 3], 0.5)).toBe(3);
    expect(percentile([5, 1, 4, 2, 3], 0.95)).toBe(4);
    expect(percentile([], 0.5)).toBeNull();
  });
  it('reads numeric-string durations and drops the rest', () => {
    const s = summary({
      reconcile: [
        rec('success', 'healthy', [], '7'),
        rec('success', 'healthy', [], null),
        rec('success', 'healthy', [], 'x'),
      ],
    });
    expect(s.observed.durationSeconds).toEqual({ p50: 7, p95: 7, max: 7 });
  });
});
