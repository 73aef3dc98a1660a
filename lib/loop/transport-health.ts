// The rolling transport failure streak (telemetry/transport-health.json): a fold of reconcile
// outcomes. A success resets the streak; a failure raises it by one. The previous document is read
// leniently, as the reference does (`.failureStreak // 0`, a non-integer counts as 0).
import type { TransportPreviousView } from './manager-views.js';

export interface TransportHealth {
  readonly schemaVersion: 'v1';
  readonly updatedAt: string;
  readonly transport: string;
  readonly lastResult: 'success' | 'failed';
  readonly failureStreak: number;
  readonly lastFailureCode?: string;
  readonly lastSuccessAt?: string;
  readonly lastFailureAt?: string;
  /** The pass's trace id, when it had one. */
  readonly traceId?: string;
}

export interface IngestOutcome {
  readonly ok: boolean;
  readonly failureCode: string | null;
  readonly transport: string;
  readonly asOf: string;
  readonly traceId?: string | null;
}

/** The last success and failure instants: this outcome's replaces the one of its kind. */
const lastTimes = (previous: TransportPreviousView, o: IngestOutcome) => ({
  lastSuccessAt: o.ok ? o.asOf : previous.lastSuccessAt,
  lastFailureAt: o.ok ? previous.lastFailureAt : o.asOf,
});

/** Pure: the next transport-health document after one reconcile outcome. */
export const nextTransportHealth = (previous: TransportPreviousView, o: IngestOutcome): TransportHealth => {
  const raw = previous.failureStreak;
  const streak = raw !== null && Number.isInteger(raw) && raw >= 0 ? raw : 0;
  const { lastSuccessAt, lastFailureAt } = lastTimes(previous, o);
  return {
    schemaVersion: 'v1',
    updatedAt: o.asOf,
    transport: o.transport,
    lastResult: o.ok ? 'success' : 'failed',
    failureStreak: o.ok ? 0 : streak + 1,
    ...(o.ok || o.failureCode === null ? {} : { lastFailureCode: o.failureCode }),
    ...(lastSuccessAt === null ? {} : { lastSuccessAt }),
    ...(lastFailureAt === null ? {} : { lastFailureAt }),
    ...(o.traceId === undefined || o.traceId === null ? {} : { traceId: o.traceId }),
  };
};
