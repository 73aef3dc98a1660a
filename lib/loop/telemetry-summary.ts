// Telemetry summary for threshold tuning: over the last N reconcile and control telemetry records,
// the reconcile outcome and health rates, reason-code frequency, duration percentiles, and a profile
// recommendation with a confidence that grows with the sample (low < 30 ≤ medium < 100 ≤ high).
// Rules as the reference: no attempts → balanced; critical rate ≥ 0.20 or failed rate ≥ 0.25 →
// relaxed; no critical, degraded ≤ 0.05, failed ≤ 0.02 and no ambiguous control → strict; else balanced.
// Pure: the runner reads the two windows (streaming, from the end of each file).
import * as t from 'io-ts';
import { nullable } from '../core/codec.js';
import { readView } from './lenient.js';
import { ControlLineView, ReconcileLineView } from './telemetry-views.js';

export type Profile = 'strict' | 'balanced' | 'relaxed';
export type Confidence = 'low' | 'medium' | 'high';

export interface TelemetrySummaryInputs {
  readonly generatedAt: string;
  readonly repoPath: string;
  readonly loopId: string;
  readonly reconcileTelemetryFile: string;
  readonly controlTelemetryFile: string;
  readonly window: number;
  /** The last `window` reconcile telemetry records as read, oldest first (decoded here, once). */
  readonly reconcile: readonly unknown[];
  /** The last `window` control telemetry records as read, oldest first (decoded here, once). */
  readonly control: readonly unknown[];
}

/** Pure: the reference's percentile: sorted, index floor((n-1)·p); null when empty. */
export const percentile = (values: readonly number[], p: number): number | null => {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor((sorted.length - 1) * p)] ?? null;
};

const byCode = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Pure: `group_by(.) | map({code, count}) | sort_by(.count) | reverse`: by count descending, and
 * among equal counts by code descending (the reverse of the stable ascending order).
 */
export const reasonCodeFrequency = (codes: readonly string[]): { code: string; count: number }[] => {
  const counts = new Map<string, number>();
  for (const c of codes) counts.set(c, (counts.get(c) ?? 0) + 1);
  return [...counts.entries()]
    .sort(([a], [b]) => byCode(a, b))
    .map(([code, count]) => ({ code, count }))
    .sort((a, b) => a.count - b.count)
    .reverse();
};

const ratio = (num: number, den: number): number => (den === 0 ? 0 : num / den);

const countWhere = <K extends 'status' | 'healthStatus'>(
  records: readonly ReconcileLineView[],
  key: K,
  value: string,
): number => records.filter((r) => r[key] === value).length;

export const confidenceOf = (attempts: number): Confidence =>
  attempts >= 100 ? 'high' : attempts >= 30 ? 'medium' : 'low';

interface Rates {
  readonly attempts: number;
  readonly failed: number;
  readonly degraded: number;
  readonly critical: number;
  readonly ambiguous: number;
}

/** Pure: the recommended profile and the reference's rationale sentence for it. */
export const recommend = (r: Rates): { profile: Profile; rationale: string } => {
  if (r.attempts === 0)
    return { profile: 'balanced', rationale: 'No telemetry window yet; keep balanced defaults' };
  if (r.critical >= 0.2 || r.failed >= 0.25)
    return {
      profile: 'relaxed',
      rationale: 'Observed high critical/failure rates; reduce alert noise while stabilizing',
    };
  if (r.critical === 0 && r.degraded <= 0.05 && r.failed <= 0.02 && r.ambiguous === 0)
    return {
      profile: 'strict',
      rationale: 'Observed stable healthy runs; tighten thresholds for faster detection',
    };
  return { profile: 'balanced', rationale: 'Observed mixed signals; keep balanced thresholds' };
};

/** The windows' lines through their views. */
interface Window {
  readonly reconcile: readonly ReconcileLineView[];
  readonly control: readonly ControlLineView[];
}

/** Pure: the telemetry summary document (each line of the windows decoded once, through its view). */
export const summarizeTelemetry = (i: TelemetrySummaryInputs): TelemetrySummary =>
  summarizeWindow(i, {
    reconcile: i.reconcile.map((r) => readView(ReconcileLineView, r)),
    control: i.control.map((c) => readView(ControlLineView, c)),
  });

const summarizeWindow = (i: TelemetrySummaryInputs, w: Window): TelemetrySummary => {
  const rec = w.reconcile;
  const attempts = rec.length;
  const failedCount = countWhere(rec, 'status', 'failed');
  const degradedCount = countWhere(rec, 'healthStatus', 'degraded');
  const criticalCount = countWhere(rec, 'healthStatus', 'critical');
  const codes = rec.flatMap((r) => r.healthReasonCodes);
  const durations = rec.map((r) => r.durationSeconds).filter((n): n is number => n !== null);
  const ambiguousCount = w.control.filter(
    (c) => c.status === 'ambiguous' || c.reasonCode === 'control_ambiguous',
  ).length;
  const rates = {
    attempts,
    failed: ratio(failedCount, attempts),
    degraded: ratio(degradedCount, attempts),
    critical: ratio(criticalCount, attempts),
    ambiguous: ambiguousCount,
  };
  const { profile, rationale } = recommend(rates);
  return {
    schemaVersion: 'v1' as const,
    generatedAt: i.generatedAt,
    source: {
      repoPath: i.repoPath,
      loopId: i.loopId,
      reconcileTelemetryFile: i.reconcileTelemetryFile,
      controlTelemetryFile: i.controlTelemetryFile,
      window: i.window,
    },
    observed: {
      reconcileAttempts: attempts,
      reconcileSuccessCount: countWhere(rec, 'status', 'success'),
      reconcileFailedCount: failedCount,
      health: {
        degradedCount,
        criticalCount,
        degradedRate: rates.degraded,
        criticalRate: rates.critical,
        reasonCodeFrequency: reasonCodeFrequency(codes),
      },
      control: { ambiguousCount },
      durationSeconds: {
        p50: percentile(durations, 0.5),
        p95: percentile(durations, 0.95),
        max: durations.length === 0 ? null : durations.reduce((a, b) => (b > a ? b : a)),
      },
    },
    recommendedProfile: profile,
    confidence: confidenceOf(attempts),
    rationale,
  };
};

const ProfileCodec = t.keyof({ strict: null, balanced: null, relaxed: null });

/** What `opsfold loop telemetry-summary` prints. */
export const TelemetrySummaryCodec = t.type(
  {
    schemaVersion: t.literal('v1'),
    generatedAt: t.string,
    source: t.type({
      repoPath: t.string,
      loopId: t.string,
      reconcileTelemetryFile: t.string,
      controlTelemetryFile: t.string,
      window: t.number,
    }),
    observed: t.type({
      reconcileAttempts: t.number,
      reconcileSuccessCount: t.number,
      reconcileFailedCount: t.number,
      health: t.type({
        degradedCount: t.number,
        criticalCount: t.number,
        degradedRate: t.number,
        criticalRate: t.number,
        reasonCodeFrequency: t.array(t.type({ code: t.string, count: t.number })),
      }),
      control: t.type({ ambiguousCount: t.number }),
      durationSeconds: t.type({ p50: nullable(t.number), p95: nullable(t.number), max: nullable(t.number) }),
    }),
    recommendedProfile: ProfileCodec,
    confidence: t.keyof({ low: null, medium: null, high: null }),
    rationale: t.string,
  },
  'TelemetrySummary',
);
export type TelemetrySummary = t.TypeOf<typeof TelemetrySummaryCodec>;

/** One line of `telemetry/reconcile.jsonl` as the summary reads it (lenient). */
export const ReconcileTelemetryLine = t.intersection(
  [
    t.UnknownRecord,
    t.partial({
      timestamp: t.string,
      status: t.string,
      healthStatus: t.string,
      healthReasonCodes: t.array(t.string),
      durationSeconds: t.union([t.number, t.string]),
      traceId: nullable(t.string),
    }),
  ],
  'ReconcileTelemetryLine',
);

/** One line of `telemetry/control.jsonl` as the summary reads it (lenient). */
export const ControlTelemetryLine = t.intersection(
  [t.UnknownRecord, t.partial({ timestamp: t.string, status: t.string, reasonCode: nullable(t.string) })],
  'ControlTelemetryLine',
);
