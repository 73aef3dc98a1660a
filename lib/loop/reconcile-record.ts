// One line of telemetry/reconcile.jsonl, with the reference's keys (nulls dropped, as its
// `with_entries(select(.value != null))` does) plus opsfold's traceId and byte cursor.

/** `sequenceStatus` as the reference writes it (`not_evaluated` until the diagnostics run). */
export type SequenceRunStatus = 'ok' | 'ordering_drift_detected' | 'skipped_ingest_failed' | 'not_evaluated';
export interface ReconcileRun {
  readonly timestamp: string;
  readonly startedAt: string;
  readonly loopId: string;
  readonly transport: string;
  readonly ok: boolean;
  readonly failureCode: string | null;
  readonly failureMessage: string | null;
  readonly cursorOffsetBefore: number;
  readonly cursorOffsetAfter: number;
  readonly eventsIngested: number;
  readonly maxEvents: number;
  readonly fromStart: boolean;
  readonly retryAttempts: number;
  readonly retryBackoffSeconds: number;
  readonly thresholdProfile: string | null;
  readonly durationSeconds: number;
  readonly transportFailureStreak: number;
  /** The sequence diagnostics' status, `skipped_ingest_failed` when the ingest failed. */
  readonly sequenceStatus: SequenceRunStatus;
  readonly sequenceReasonCode: string | null;
  readonly healthStatus: string;
  readonly healthReasonCodes: readonly string[];
  readonly traceId: string | null;
}

/** Pure: the telemetry record of one reconcile. */
export const reconcileRecord = (r: ReconcileRun): Record<string, unknown> => {
  const all: Record<string, unknown> = {
    timestamp: r.timestamp,
    startedAt: r.startedAt,
    loopId: r.loopId,
    transport: r.transport,
    status: r.ok ? 'success' : 'failed',
    failureCode: r.failureCode === '' ? null : r.failureCode,
    failureMessage: r.failureMessage === '' ? null : r.failureMessage,
    cursorOffsetBefore: r.cursorOffsetBefore,
    cursorOffsetAfter: r.cursorOffsetAfter,
    eventsIngested: r.eventsIngested,
    maxEvents: r.maxEvents,
    fromStart: r.fromStart,
    retryAttempts: r.retryAttempts,
    retryBackoffSeconds: r.retryBackoffSeconds,
    thresholdProfile: r.thresholdProfile === '' ? null : r.thresholdProfile,
    durationSeconds: Math.max(0, r.durationSeconds),
    transportFailureStreak: r.transportFailureStreak,
    sequenceStatus: r.sequenceStatus,
    sequenceReasonCode: r.sequenceReasonCode,
    healthStatus: r.healthStatus,
    healthReasonCodes: r.healthReasonCodes,
    traceId: r.traceId,
  };
  return Object.fromEntries(Object.entries(all).filter(([, v]) => v !== null));
};
