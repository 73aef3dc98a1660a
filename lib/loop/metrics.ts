// The loops' numbers for a metrics scrape (Prometheus gauges), from what `loop status` derives: the
// lifecycle, the health severity, the ingest lag and the last reconcile's duration, plus the open
// escalations the caller folded from escalations.jsonl. Pure: both servers (the service and the
// dashboard) read the documents their own way and hand the status document here, so the names,
// labels and values are one decision, tested without HTTP.
import type { Lifecycle } from './lifecycle.js';

/** What one loop contributes to a scrape; null: not known (no sample is emitted for it). */
export interface LoopMetrics {
  readonly loopId: string;
  readonly lifecycle: string;
  readonly health: HealthSeverity | null;
  readonly ingestLagSeconds: number | null;
  readonly escalationsOpen: number | null;
  readonly reconcileDurationSeconds: number | null;
}

export type HealthSeverity = 'healthy' | 'degraded' | 'critical';

export interface MetricSample {
  readonly labels: Readonly<Record<string, string>>;
  readonly value: number;
}

/** One gauge with its samples (the label names are the same for every sample). */
export interface MetricFamily {
  readonly name: string;
  readonly help: string;
  readonly labelNames: readonly string[];
  readonly samples: readonly MetricSample[];
}

/** Every lifecycle the truth table answers: each loop gets one sample per state, 1 for its own. */
export const LIFECYCLES: readonly Lifecycle[] = [
  'running',
  'awaiting_approval',
  'complete',
  'stopped',
  'failed',
  'idle',
  'unknown',
];

const SEVERITY: Readonly<Record<HealthSeverity, number>> = { healthy: 0, degraded: 1, critical: 2 };

const field = (doc: unknown, ...path: string[]): unknown => {
  let v = doc;
  for (const k of path) {
    if (typeof v !== 'object' || v === null || Array.isArray(v) || !Object.hasOwn(v, k)) return null;
    v = (v as Record<string, unknown>)[k];
  }
  return v;
};

const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);

const severityOf = (v: unknown): HealthSeverity | null =>
  typeof v === 'string' && Object.hasOwn(SEVERITY, v) ? (v as HealthSeverity) : null;

/** Pure: one loop's numbers from its `loop status` document and its open escalations. */
export const loopMetricsOf = (
  loopId: string,
  status: unknown,
  escalationsOpen: number | null,
): LoopMetrics => {
  const state = field(status, 'lifecycle', 'state');
  return {
    loopId,
    lifecycle: typeof state === 'string' && state !== '' ? state : 'unknown',
    health: severityOf(field(status, 'health', 'status')),
    ingestLagSeconds: num(field(status, 'health', 'metrics', 'ingestLagSeconds')),
    escalationsOpen,
    reconcileDurationSeconds: num(field(status, 'reconcile', 'lastDurationSeconds')),
  };
};

const perLoop = (
  name: string,
  help: string,
  loops: readonly LoopMetrics[],
  value: (l: LoopMetrics) => number | null,
): MetricFamily => ({
  name,
  help,
  labelNames: ['loop'],
  samples: loops.flatMap((l) => {
    const v = value(l);
    return v === null ? [] : [{ labels: { loop: l.loopId }, value: v }];
  }),
});

const lifecycleSamples = (l: LoopMetrics): MetricSample[] => {
  const states = LIFECYCLES.includes(l.lifecycle as Lifecycle) ? LIFECYCLES : [...LIFECYCLES, l.lifecycle];
  return states.map((state) => ({ labels: { loop: l.loopId, state }, value: state === l.lifecycle ? 1 : 0 }));
};

/** Pure: the gauges of a scrape, in a fixed order; loops in the order given. */
export const metricFamilies = (loops: readonly LoopMetrics[]): MetricFamily[] => [
  {
    name: 'opsfold_loops',
    help: 'Loops found in the repository.',
    labelNames: [],
    samples: [{ labels: {}, value: loops.length }],
  },
  {
    name: 'opsfold_loop_lifecycle',
    help: 'The loop lifecycle: 1 for the current state, 0 for the others.',
    labelNames: ['loop', 'state'],
    samples: loops.flatMap(lifecycleSamples),
  },
  perLoop(
    'opsfold_loop_health_severity',
    'Health from the manager: 0 healthy, 1 degraded, 2 critical (absent when no health was recorded).',
    loops,
    (l) => (l.health === null ? null : SEVERITY[l.health]),
  ),
  perLoop(
    'opsfold_loop_ingest_lag_seconds',
    'Seconds between the last event and the last reconcile pass, as the health records it.',
    loops,
    (l) => l.ingestLagSeconds,
  ),
  perLoop(
    'opsfold_loop_escalations_open',
    'Escalations raised and not resolved.',
    loops,
    (l) => l.escalationsOpen,
  ),
  perLoop(
    'opsfold_loop_reconcile_duration_seconds',
    'Duration of the last reconcile pass.',
    loops,
    (l) => l.reconcileDurationSeconds,
  ),
];
