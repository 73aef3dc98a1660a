// The manager's health decision (`health.json`): healthy | degraded | critical with reason codes, the
// metric behind each reason, and the thresholds applied. Evaluated exactly as the reference health
// step: every rule that holds adds a reason; the worst severity decides the status; reasons are kept
// unique per code+severity (first one wins) in code:severity order, reason codes unique and sorted.
// Pure: documents are read by the runner; the instant `asOf` is given.
import type * as t from 'io-ts';
import type { HealthDocCodec, HealthReasonCodec } from './health-codecs.js';
import type {
  DriftGradeView,
  HeartbeatView,
  SequenceView,
  StateView,
  TransportGradeView,
} from './manager-views.js';
import type { HeartbeatThresholds, IngestThresholds } from './thresholds.js';
import { parseIso, secondsBetween } from '../core/time.js';
import { TIMESTAMP_REASON_CODES, timestampReasons } from './health-timestamps.js';

export const HEALTH_REASON_CODES = [
  'transport_unreachable',
  'ingest_stale',
  'control_ambiguous',
  'control_failed_command',
  'divergence_detected',
  'invalid_transport_payload',
  'projection_failed',
  'reconcile_failed',
  'profile_drift_detected',
  'runtime_heartbeat_stale',
  'ordering_drift_detected',
  ...TIMESTAMP_REASON_CODES,
] as const;
export type HealthStatus = 'healthy' | 'degraded' | 'critical';
export type Severity = 'degraded' | 'critical';

export type HealthReason = t.TypeOf<typeof HealthReasonCodec>;

export interface HealthThresholds extends IngestThresholds, HeartbeatThresholds {
  /** The profile label the thresholds came from; null when none was applied. */
  readonly profile: string | null;
}

export interface HealthInputs {
  /** Second-precision ISO of the evaluation instant, and the same instant in epoch ms. */
  readonly asOf: string;
  readonly asOfMs: number;
  /** The manager state document (read as `{}` when absent). */
  readonly state: StateView;
  /** `telemetry/transport-health.json` (read as `{}` when absent). */
  readonly transportHealth: TransportGradeView;
  /** `.status` of the last intents.jsonl record; null when there is none. */
  readonly lastIntentStatus: string | null;
  /** `heartbeat.json`, `sequence-state.json`, `profile-drift.json` (all fields null when absent). */
  readonly heartbeat: Pick<HeartbeatView, 'lastHeartbeatAt'>;
  readonly sequence: Pick<SequenceView, 'status' | 'driftActive' | 'updatedAt'>;
  readonly drift: DriftGradeView;
  readonly transport: string;
  readonly ingestStatus: 'success' | 'failed';
  readonly failureCode: string | null;
  readonly thresholds: HealthThresholds;
  readonly traceId: string | null;
}

/** Whole seconds from an ISO timestamp to now, never negative; null when it does not parse. */
const lagOf = (iso: string | null, asOfMs: number): number | null => {
  const t = iso === null ? null : parseIso(iso);
  return t === null ? null : Math.max(0, secondsBetween(t, asOfMs));
};

/** One reason; `seen` is the observed value and the threshold it was compared with. */
const reason = (code: string, severity: Severity, metric: string, seen: readonly [unknown, unknown]) => ({
  code,
  severity,
  metric,
  observed: String(seen[0]),
  threshold: String(seen[1]),
});

/** A value graded against [degraded, critical]: the worse threshold it reaches, if any. */
const tiered = (
  code: string,
  metric: string,
  value: number | null,
  [degraded, critical]: readonly number[],
) => {
  if (value === null || degraded === undefined || critical === undefined) return [];
  if (value >= critical) return [reason(code, 'critical', metric, [value, critical])];
  if (value >= degraded) return [reason(code, 'degraded', metric, [value, degraded])];
  return [];
};

const FAILURE_REASON: Readonly<Record<string, string>> = {
  snapshot_unavailable: 'transport_unreachable',
  events_unavailable: 'transport_unreachable',
  service_request_failed: 'transport_unreachable',
  service_response_invalid: 'invalid_transport_payload',
  projection_failed: 'projection_failed',
};

const ingestFailure = (i: HealthInputs): HealthReason[] => {
  if (i.ingestStatus !== 'failed') return [];
  const f = i.failureCode;
  const code =
    f === null
      ? 'reconcile_failed'
      : ((Object.hasOwn(FAILURE_REASON, f) ? FAILURE_REASON[f] : undefined) ?? f);
  return [reason(code, 'degraded', 'ingestStatus', ['failed', 'success'])];
};

const controlReason = (status: string | null): HealthReason[] => {
  if (status === 'ambiguous')
    return [reason('control_ambiguous', 'degraded', 'control.status', [status, 'confirmed'])];
  if (status === 'failed_command')
    return [reason('control_failed_command', 'degraded', 'control.status', [status, 'confirmed'])];
  return [];
};

const sequenceReason = (sequence: HealthInputs['sequence']): HealthReason[] => {
  const status = sequence.status;
  if (status !== 'ordering_drift_detected' && !sequence.driftActive) return [];
  return [
    reason('ordering_drift_detected', 'degraded', 'sequence.status', [
      status ?? 'ordering_drift_detected',
      'ok',
    ]),
  ];
};

const driftReason = (drift: DriftGradeView): HealthReason[] =>
  drift.driftActive
    ? [reason('profile_drift_detected', 'degraded', 'drift.driftActive', ['true', 'false'])]
    : [];

/** `.failureStreak // 0`, accepted only as a whole number (the reference's regex), else 0. */
const streakOf = (transportHealth: TransportGradeView): number => transportHealth.failureStreak ?? 0;

/** Pure: the reference's `unique_by(.code + ":" + .severity)`: sorted by that key, first kept. */
export const uniqueReasons = (reasons: readonly HealthReason[]): HealthReason[] => {
  const seen = new Map<string, HealthReason>();
  for (const r of reasons) if (!seen.has(`${r.code}:${r.severity}`)) seen.set(`${r.code}:${r.severity}`, r);
  return [...seen.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, r]) => r);
};

const statusOf = (reasons: readonly HealthReason[]): HealthStatus =>
  reasons.some((r) => r.severity === 'critical')
    ? 'critical'
    : reasons.some((r) => r.severity === 'degraded')
      ? 'degraded'
      : 'healthy';

/** Pure: the health document, key for key what the reference writes (plus opsfold's extras). */
export const decideHealth = (i: HealthInputs): HealthDoc => {
  const t = i.thresholds;
  const lastEventAt = i.state.projection.lastEventAt;
  const lastHeartbeatAt = i.heartbeat.lastHeartbeatAt;
  const ingestLag = lagOf(lastEventAt, i.asOfMs);
  const heartbeatLag = lagOf(lastHeartbeatAt, i.asOfMs);
  const streak = streakOf(i.transportHealth);
  const now = { iso: i.asOf, ms: i.asOfMs };
  const raw: HealthReason[] = [
    ...(i.state.divergence.any
      ? [reason('divergence_detected', 'degraded', 'divergence.any', ['true', 'false'])]
      : []),
    ...controlReason(i.lastIntentStatus),
    ...tiered('ingest_stale', 'ingestLagSeconds', ingestLag, [
      t.degradedIngestLagSeconds,
      t.criticalIngestLagSeconds,
    ]),
    ...tiered('transport_unreachable', 'transportFailureStreak', streak, [
      t.degradedTransportFailureStreak,
      t.criticalTransportFailureStreak,
    ]),
    ...ingestFailure(i),
    ...tiered('runtime_heartbeat_stale', 'heartbeatLagSeconds', heartbeatLag, [
      t.degradedHeartbeatLagSeconds,
      t.criticalHeartbeatLagSeconds,
    ]),
    ...timestampReasons({ subject: 'ingest', metric: 'evidence.lastEventAt', text: lastEventAt }, now),
    ...timestampReasons(
      { subject: 'heartbeat', metric: 'evidence.lastHeartbeatAt', text: lastHeartbeatAt },
      now,
    ),
    ...sequenceReason(i.sequence),
    ...driftReason(i.drift),
  ];
  const reasons = uniqueReasons(raw);
  return {
    schemaVersion: 'v1' as const,
    updatedAt: i.asOf,
    status: statusOf(reasons),
    reasonCodes: [...new Set(reasons.map((r) => r.code))].sort(),
    reasons,
    metrics: {
      ingestLagSeconds: ingestLag,
      transportFailureStreak: streak,
      lastControlStatus: i.lastIntentStatus,
      lifecycleState: i.state.transition.currentState ?? i.state.projection.status ?? 'unknown',
      heartbeatLagSeconds: heartbeatLag,
      sequenceStatus: i.sequence.status,
      profileDriftStatus: i.drift.status,
    },
    thresholds: { ...t },
    transport: {
      mode: i.transport,
      ingestStatus: i.ingestStatus,
      failureCode: i.failureCode,
      lastFailureCode: i.transportHealth.lastFailureCode,
    },
    evidence: {
      lastEventAt,
      lastHeartbeatAt,
      sequenceUpdatedAt: i.sequence.updatedAt,
    },
    traceId: i.traceId,
  };
};
export type HealthDoc = t.TypeOf<typeof HealthDocCodec>;
