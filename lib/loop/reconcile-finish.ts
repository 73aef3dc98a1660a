// The end of a reconcile pass, pure: the reconcile telemetry line, the inputs of the profile drift
// step (over the telemetry summary that already includes this pass's line) and the state document
// with health, drift and tuning merged in, as the reference leaves it.
import type { HealthDoc } from './health.js';
import { confidenceLevel, type ConfidenceLevel, type DriftInputs, type DriftState } from './profile-drift.js';
import { reconcileRecord, type SequenceRunStatus } from './reconcile-record.js';
import type { SequenceState } from './sequence-codecs.js';
import type { TelemetrySummary } from './telemetry-summary.js';
import type { TransportHealth } from './transport-health.js';

/** How the pass was asked to run: what its telemetry line and drift step report. */
export interface ReconcileRequest {
  readonly loopId: string;
  readonly transport: string;
  readonly traceId: string | null;
  readonly asOf: string;
  readonly maxEvents: number;
  readonly fromStart: boolean;
  readonly retryAttempts: number;
  readonly retryBackoffSeconds: number;
  readonly thresholdProfile: string | null;
  readonly drift: {
    readonly minConfidence: ConfidenceLevel;
    readonly requiredStreak: number;
    readonly summaryWindow: number;
  };
}

/** What the pass did: the poll (null when the ingest failed) and the health it decided. */
export interface PassOutcome {
  readonly poll: {
    readonly eventsIngested: number;
    readonly cursorOffsetBefore: number;
    readonly cursorDoc: { readonly eventLineOffset: number };
  } | null;
  readonly failure: { readonly failureCode: string; readonly message: string } | null;
  readonly health: HealthDoc;
  readonly transportHealth: TransportHealth;
  /** This pass's sequence diagnostics (null when the ingest failed and they did not run). */
  readonly sequence: SequenceState | null;
  /** The saved cursor's line offset before the pass (0 when none). */
  readonly cursorBefore: number;
  readonly durationSeconds: number;
}

/** The sequence diagnostics as the reconcile line reports them (skipped when the ingest failed). */
const sequenceOf = (
  o: PassOutcome,
): { sequenceStatus: SequenceRunStatus; sequenceReasonCode: string | null } =>
  o.poll === null
    ? { sequenceStatus: 'skipped_ingest_failed', sequenceReasonCode: null }
    : {
        sequenceStatus: o.sequence?.status ?? 'not_evaluated',
        sequenceReasonCode: o.sequence?.reasonCode ?? null,
      };

/** Pure: the pass's `telemetry/reconcile.jsonl` line. */
export const reconcileTelemetry = (r: ReconcileRequest, o: PassOutcome): Record<string, unknown> =>
  reconcileRecord({
    timestamp: r.asOf,
    startedAt: r.asOf,
    loopId: r.loopId,
    transport: r.transport,
    ok: o.poll !== null,
    failureCode: o.failure?.failureCode ?? null,
    failureMessage: o.failure?.message ?? null,
    cursorOffsetBefore: o.poll?.cursorOffsetBefore ?? o.cursorBefore,
    cursorOffsetAfter: o.poll?.cursorDoc.eventLineOffset ?? o.cursorBefore,
    eventsIngested: o.poll?.eventsIngested ?? 0,
    maxEvents: r.maxEvents,
    fromStart: r.fromStart,
    retryAttempts: r.retryAttempts,
    retryBackoffSeconds: r.retryBackoffSeconds,
    thresholdProfile: r.thresholdProfile,
    durationSeconds: o.durationSeconds,
    transportFailureStreak: o.transportHealth.failureStreak,
    ...sequenceOf(o),
    healthStatus: o.health.status,
    healthReasonCodes: o.health.reasonCodes,
    traceId: r.traceId,
  });

/** Pure: the drift step's inputs from the telemetry summary (the previous drift state apart). */
export const driftInputs = (r: ReconcileRequest, t: TelemetrySummary): Omit<DriftInputs, 'previous'> => ({
  loopId: r.loopId,
  asOf: r.asOf,
  appliedProfile: r.thresholdProfile,
  recommendedProfile: t.recommendedProfile,
  recommendationConfidence: confidenceLevel(t.confidence) ?? 'low',
  minConfidence: r.drift.minConfidence,
  requiredStreak: r.drift.requiredStreak,
  summaryWindow: r.drift.summaryWindow,
  rationale: t.rationale,
});

const tuningOf = (r: ReconcileRequest, t: TelemetrySummary) => ({
  appliedProfile: r.thresholdProfile,
  recommendedProfile: t.recommendedProfile,
  confidence: t.confidence,
  rationale: t.rationale,
  summaryWindow: r.drift.summaryWindow,
  telemetrySummary: { observed: t.observed, source: t.source },
});

/** The state's `trace` block with this pass's trace id as `reconcileTraceId` (the reference's key). */
const traceOf = (r: ReconcileRequest, base: Record<string, unknown>) => {
  const prior = base['trace'];
  if (r.traceId === null) return prior === undefined ? {} : { trace: prior };
  const kept = prior !== null && typeof prior === 'object' && !Array.isArray(prior) ? prior : {};
  return { trace: { ...kept, reconcileTraceId: r.traceId } };
};

/**
 * Pure: the state document to write: this pass's projected state (else the previous one) with
 * health, drift (stamped with the pass's trace id), tuning and this pass's sequence diagnostics (when
 * they ran: a failed ingest keeps the previous ones) merged in; null when there is no state object to
 * annotate.
 */
export const finalState = (
  r: ReconcileRequest,
  base: unknown,
  judged: {
    readonly health: HealthDoc;
    readonly drift: DriftState;
    readonly summary: TelemetrySummary;
    readonly sequence: SequenceState | null;
  },
): Record<string, unknown> | null =>
  base === null || typeof base !== 'object'
    ? null
    : {
        ...(base as Record<string, unknown>),
        health: judged.health,
        drift: r.traceId === null ? judged.drift : { ...judged.drift, traceId: r.traceId },
        tuning: tuningOf(r, judged.summary),
        ...traceOf(r, base as Record<string, unknown>),
        ...(judged.sequence === null ? {} : { sequence: judged.sequence }),
      };
