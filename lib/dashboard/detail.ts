// The loop detail page: why the loop is in the state it is (health reasons with the threshold each
// crossed, and the thresholds applied), heartbeat and sequence visibility, open escalations, control
// intents with their confirmation state, the telemetry summary with the profile recommendation, and
// the ingest lag / reconcile duration charts. Pure: built from documents and windows the runner read.
import type { ArtifactState } from './artifact-state.js';
import { ingestLagSeries, durationSeries, lineChart, sampleOf, type ChartGeometry } from './chart.js';
import { get, isObject, num, scalar, str, strings } from './fields.js';
import type { LoopRow } from './overview.js';

export interface DetailInputs {
  readonly row: LoopRow;
  /** The `loop status` document (buildStatus), derived now from the manager's files. */
  readonly status: unknown;
  readonly openEscalations: readonly unknown[];
  /** Newest first. */
  readonly recentEscalations: readonly unknown[];
  readonly intents: readonly unknown[];
  readonly invocations: readonly unknown[];
  /** Oldest first: the chart window of telemetry/reconcile.jsonl. */
  readonly reconcile: readonly unknown[];
  readonly eventAt: (line: number) => string | null;
  readonly artifacts: readonly ArtifactState[];
  readonly notes: readonly string[];
}

export interface ThresholdRow {
  readonly metric: string;
  readonly observed: number | null;
  readonly degraded: number | null;
  readonly critical: number | null;
  readonly unit: string;
}

const THRESHOLDS: readonly { metric: string; key: string; unit: string }[] = [
  { metric: 'ingestLagSeconds', key: 'IngestLagSeconds', unit: 's' },
  { metric: 'transportFailureStreak', key: 'TransportFailureStreak', unit: 'failures' },
  { metric: 'heartbeatLagSeconds', key: 'HeartbeatLagSeconds', unit: 's' },
];

/** Pure: the threshold table of a health document: each metric, its value now and both limits. */
export const thresholdRows = (health: unknown): ThresholdRow[] =>
  THRESHOLDS.map((t) => ({
    metric: t.metric,
    observed: num(health, 'metrics', t.metric),
    degraded: num(health, 'thresholds', `degraded${t.key}`),
    critical: num(health, 'thresholds', `critical${t.key}`),
    unit: t.unit,
  }));

export interface ReasonRow {
  readonly code: string;
  readonly severity: string;
  readonly metric: string | null;
  readonly observed: string | null;
  readonly threshold: string | null;
}

/** Pure: the health reasons, critical first, each with the metric, value and threshold behind it. */
export const reasonRows = (health: unknown): ReasonRow[] => {
  const raw = get(health, 'reasons');
  const rows = (Array.isArray(raw) ? raw : []).filter(isObject).map((r) => ({
    code: str(r, 'code') ?? '(no code)',
    severity: str(r, 'severity') ?? 'unknown',
    metric: str(r, 'metric'),
    observed: scalar(r, 'observed'),
    threshold: scalar(r, 'threshold'),
  }));
  const known = new Set(rows.map((r) => r.code));
  // A reason code without a reason record (a hand-written health file) still shows.
  const bare = strings(health, 'reasonCodes')
    .filter((c) => !known.has(c))
    .map((code) => ({ code, severity: 'unknown', metric: null, observed: null, threshold: null }));
  const order = (s: string): number => (s === 'critical' ? 0 : s === 'degraded' ? 1 : 2);
  return [...rows, ...bare].sort((a, b) => order(a.severity) - order(b.severity));
};

export interface IntentRow {
  readonly timestamp: string | null;
  readonly intent: string | null;
  readonly status: string | null;
  readonly requestedBy: string | null;
  readonly reasonCode: string | null;
  readonly confirmation: string | null;
  readonly idempotencyKey: string | null;
}

const confirmationOf = (intent: unknown, invocation: unknown): string | null => {
  const audited = str(invocation, 'confirmation', 'status') ?? str(invocation, 'confirmationStatus');
  if (audited !== null) return audited;
  if (get(intent, 'confirmed') === true) return 'confirmed';
  const status = str(intent, 'status');
  return status === 'ambiguous' ? 'ambiguous' : status === 'refused' ? 'not_attempted' : null;
};

const rowOfRecords = (intent: unknown, invocation: unknown): IntentRow => {
  const either = (...path: string[]) => str(intent, ...path) ?? str(invocation, ...path);
  return {
    timestamp: either('timestamp'),
    intent: either('intent'),
    status: str(intent, 'status') ?? str(invocation, 'outcome', 'status'),
    requestedBy: either('requestedBy'),
    reasonCode: str(intent, 'reasonCode') ?? str(invocation, 'outcome', 'reasonCode'),
    confirmation: confirmationOf(intent, invocation),
    idempotencyKey: either('idempotencyKey'),
  };
};

/**
 * Pure: control intents newest first, each joined with its invocation audit (same idempotency key).
 * An invocation without an intents.jsonl entry (a refusal records only the audit) is listed too.
 */
export const intentRows = (intents: readonly unknown[], invocations: readonly unknown[]): IntentRow[] => {
  const byKey = new Map<string, unknown>();
  for (const inv of [...invocations].reverse()) {
    const k = str(inv, 'idempotencyKey');
    if (k !== null) byKey.set(k, inv);
  }
  const keys = new Set(intents.map((i) => str(i, 'idempotencyKey')));
  const rows = [
    ...intents.map((i) => {
      const key = str(i, 'idempotencyKey');
      return rowOfRecords(i, key === null ? undefined : byKey.get(key));
    }),
    ...invocations.filter((v) => !keys.has(str(v, 'idempotencyKey'))).map((v) => rowOfRecords(undefined, v)),
  ];
  return rows.sort((a, b) =>
    (a.timestamp ?? '') < (b.timestamp ?? '') ? 1 : a.timestamp === b.timestamp ? 0 : -1,
  );
};

const ingestThresholds = (health: unknown) =>
  [
    { name: 'degraded', value: num(health, 'thresholds', 'degradedIngestLagSeconds') },
    { name: 'critical', value: num(health, 'thresholds', 'criticalIngestLagSeconds') },
  ].flatMap((t) => (t.value === null ? [] : [{ name: t.name, value: t.value }]));

export interface Charts {
  readonly window: number;
  readonly ingestLag: ChartGeometry;
  readonly duration: ChartGeometry;
}

/** Pure: both charts over the reconcile window (oldest first). */
export const chartsOf = (
  reconcile: readonly unknown[],
  health: unknown,
  eventAt: (line: number) => string | null,
): Charts => {
  const samples = reconcile.map(sampleOf);
  return {
    window: samples.length,
    ingestLag: lineChart(ingestLagSeries(samples, eventAt), ingestThresholds(health)),
    duration: lineChart(durationSeries(samples)),
  };
};

/** Pure: the whole detail view. */
export const loopDetail = (i: DetailInputs) => {
  const health = get(i.status, 'health') ?? null;
  return {
    loopId: i.row.loopId,
    row: i.row,
    lifecycle: get(i.status, 'lifecycle') ?? null,
    health: {
      status: str(health, 'status'),
      level: i.row.level,
      updatedAt: str(health, 'updatedAt'),
      profile: str(health, 'thresholds', 'profile'),
      reasons: reasonRows(health),
      thresholds: thresholdRows(health),
      evidence: get(health, 'evidence') ?? null,
    },
    heartbeat: get(i.status, 'visibility', 'heartbeat') ?? null,
    sequence: get(i.status, 'visibility', 'sequence') ?? null,
    escalations: {
      open: i.openEscalations,
      unkeyed: i.row.escalations.unkeyed,
      recent: i.recentEscalations,
    },
    control: {
      intents: intentRows(i.intents, i.invocations),
      lastInvocation: get(i.status, 'visibility', 'invocationAudit') ?? null,
    },
    reconcile: get(i.status, 'reconcile') ?? null,
    tuning: get(i.status, 'tuning') ?? null,
    drift: get(i.status, 'drift') ?? null,
    charts: chartsOf(i.reconcile, health, i.eventAt),
    artifacts: i.artifacts,
    notes: i.notes,
    status: i.status,
  };
};
export type LoopDetail = ReturnType<typeof loopDetail>;
