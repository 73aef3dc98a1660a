// The loop detail page: why the loop is in the state it is (health reasons with the threshold each
// crossed, and the thresholds applied), heartbeat and sequence visibility, open escalations, control
// intents with their confirmation state, the telemetry summary with the profile recommendation, and
// the ingest lag / reconcile duration charts. Pure: built from documents and windows the runner read.
import type { JsonValue } from '../core/json-schema.js';
import type { RaisedCondition } from '../loop/escalations.js';
import { ingestLagSeries, durationSeries, lineChart, sampleOf } from './chart.js';
import type {
  ArtifactState,
  Charts,
  IntentRow,
  LoopDetail,
  LoopRow,
  ReasonRow,
  ThresholdRow,
} from './outputs.js';
import type { ControlRecord, HealthView, ReconcileRecord, StatusView } from './views.js';

export interface DetailInputs {
  readonly row: LoopRow;
  /** The `loop status` document (buildStatus), derived now from the manager's files, as it is ... */
  readonly statusDoc: JsonValue;
  /** ... and as the page reads it. */
  readonly status: StatusView;
  readonly openEscalations: readonly RaisedCondition[];
  /** Newest first. */
  readonly recentEscalations: readonly JsonValue[];
  readonly intents: readonly ControlRecord[];
  readonly invocations: readonly ControlRecord[];
  /** Oldest first: the chart window of telemetry/reconcile.jsonl. */
  readonly reconcile: readonly ReconcileRecord[];
  readonly eventAt: (line: number) => string | null;
  readonly artifacts: readonly ArtifactState[];
  readonly notes: readonly string[];
}

type Limits = HealthView['thresholds'];
type Metric = keyof HealthView['metrics'];
const THRESHOLDS: readonly {
  metric: Metric;
  degraded: keyof Limits;
  critical: keyof Limits;
  unit: string;
}[] = [
  {
    metric: 'ingestLagSeconds',
    degraded: 'degradedIngestLagSeconds',
    critical: 'criticalIngestLagSeconds',
    unit: 's',
  },
  {
    metric: 'transportFailureStreak',
    degraded: 'degradedTransportFailureStreak',
    critical: 'criticalTransportFailureStreak',
    unit: 'failures',
  },
  {
    metric: 'heartbeatLagSeconds',
    degraded: 'degradedHeartbeatLagSeconds',
    critical: 'criticalHeartbeatLagSeconds',
    unit: 's',
  },
];

const limit = (health: HealthView, key: keyof Limits): number | null => {
  const v = health.thresholds[key];
  return typeof v === 'number' ? v : null;
};

/** Pure: the threshold table of a health document: each metric, its value now and both limits. */
export const thresholdRows = (health: HealthView): ThresholdRow[] =>
  THRESHOLDS.map((t) => ({
    metric: t.metric,
    observed: health.metrics[t.metric],
    degraded: limit(health, t.degraded),
    critical: limit(health, t.critical),
    unit: t.unit,
  }));

/** Pure: the health reasons, critical first, each with the metric, value and threshold behind it. */
export const reasonRows = (health: HealthView): ReasonRow[] => {
  const rows = health.reasons.map((r) => ({
    code: r.code ?? '(no code)',
    severity: r.severity ?? 'unknown',
    metric: r.metric,
    observed: r.observed,
    threshold: r.threshold,
  }));
  const known = new Set(rows.map((r) => r.code));
  // A reason code without a reason record (a hand-written health file) still shows.
  const bare = health.reasonCodes
    .filter((c) => !known.has(c))
    .map((code) => ({ code, severity: 'unknown', metric: null, observed: null, threshold: null }));
  const order = (s: string): number => (s === 'critical' ? 0 : s === 'degraded' ? 1 : 2);
  return [...rows, ...bare].sort((a, b) => order(a.severity) - order(b.severity));
};

type Record_ = ControlRecord | undefined;

const confirmationOf = (intent: Record_, invocation: Record_): string | null => {
  const audited = invocation?.confirmation.status ?? invocation?.confirmationStatus ?? null;
  if (audited !== null) return audited;
  if (intent?.confirmed === true) return 'confirmed';
  const status = intent?.status ?? null;
  return status === 'ambiguous' ? 'ambiguous' : status === 'refused' ? 'not_attempted' : null;
};

type Shared = 'timestamp' | 'intent' | 'requestedBy' | 'idempotencyKey';

const rowOfRecords = (intent: Record_, invocation: Record_): IntentRow => {
  const either = (k: Shared) => intent?.[k] ?? invocation?.[k] ?? null;
  return {
    timestamp: either('timestamp'),
    intent: either('intent'),
    status: intent?.status ?? invocation?.outcome.status ?? null,
    requestedBy: either('requestedBy'),
    reasonCode: intent?.reasonCode ?? invocation?.outcome.reasonCode ?? null,
    confirmation: confirmationOf(intent, invocation),
    idempotencyKey: either('idempotencyKey'),
  };
};

/**
 * Pure: control intents newest first, each joined with its invocation audit (same idempotency key).
 * An invocation without an intents.jsonl entry (a refusal records only the audit) is listed too.
 */
export const intentRows = (
  intents: readonly ControlRecord[],
  invocations: readonly ControlRecord[],
): IntentRow[] => {
  const byKey = new Map<string, ControlRecord>();
  for (const inv of [...invocations].reverse()) {
    const k = inv.idempotencyKey;
    if (k !== null) byKey.set(k, inv);
  }
  const keys = new Set(intents.map((i) => i.idempotencyKey));
  const rows = [
    ...intents.map((i) => {
      const key = i.idempotencyKey;
      return rowOfRecords(i, key === null ? undefined : byKey.get(key));
    }),
    ...invocations.filter((v) => !keys.has(v.idempotencyKey)).map((v) => rowOfRecords(undefined, v)),
  ];
  return rows.sort((a, b) =>
    (a.timestamp ?? '') < (b.timestamp ?? '') ? 1 : a.timestamp === b.timestamp ? 0 : -1,
  );
};

const ingestThresholds = (health: HealthView) =>
  [
    { name: 'degraded', value: health.thresholds.degradedIngestLagSeconds },
    { name: 'critical', value: health.thresholds.criticalIngestLagSeconds },
  ].flatMap((t) => (t.value === null ? [] : [{ name: t.name, value: t.value }]));

/** Pure: both charts over the reconcile window (oldest first). */
export const chartsOf = (
  reconcile: readonly ReconcileRecord[],
  health: HealthView,
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
export const loopDetail = (i: DetailInputs): LoopDetail => {
  const { health, visibility } = i.status;
  return {
    loopId: i.row.loopId,
    row: i.row,
    lifecycle: i.status.lifecycleDoc,
    health: {
      status: health.status,
      level: i.row.level,
      updatedAt: health.updatedAt,
      profile: health.thresholds.profile,
      reasons: reasonRows(health),
      thresholds: thresholdRows(health),
      evidence: health.evidence,
    },
    heartbeat: visibility.heartbeat,
    sequence: visibility.sequence,
    escalations: {
      open: i.openEscalations,
      unkeyed: i.row.escalations.unkeyed,
      recent: i.recentEscalations,
    },
    control: {
      intents: intentRows(i.intents, i.invocations),
      lastInvocation: visibility.invocationAudit,
    },
    reconcile: i.status.reconcile,
    tuning: i.status.tuning,
    drift: i.status.drift,
    charts: chartsOf(i.reconcile, health, i.eventAt),
    artifacts: i.artifacts,
    notes: i.notes,
    status: i.statusDoc,
  };
};
