// The rolling transport failure streak (telemetry/transport-health.json): a fold of reconcile
// outcomes. A success resets the streak; a failure raises it by one. The previous document is read
// leniently, as the reference does (`.failureStreak // 0`, a non-integer counts as 0).
import { at } from './event-fields.js';

export interface TransportHealth {
  readonly schemaVersion: 'v1';
  readonly updatedAt: string;
  readonly transport: string;
  readonly lastResult: 'success' | 'failed';
  readonly failureStreak: number;
  readonly lastFailureCode?: string;
  readonly lastSuccessAt?: string;
  readonly lastFailureAt?: string;
}

export interface IngestOutcome {
  readonly ok: boolean;
  readonly failureCode: string | null;
  readonly transport: string;
  readonly asOf: string;
}

const str = (v: unknown): string | undefined => (typeof v === 'string' && v.length > 0 ? v : undefined);

/** Pure: the next transport-health document after one reconcile outcome. */
export const nextTransportHealth = (previous: unknown, o: IngestOutcome): TransportHealth => {
  const raw = at(previous, 'failureStreak');
  const streak = typeof raw === 'number' && Number.isInteger(raw) && raw >= 0 ? raw : 0;
  const lastSuccessAt = o.ok ? o.asOf : str(at(previous, 'lastSuccessAt'));
  const lastFailureAt = o.ok ? str(at(previous, 'lastFailureAt')) : o.asOf;
  return {
    schemaVersion: 'v1',
    updatedAt: o.asOf,
    transport: o.transport,
    lastResult: o.ok ? 'success' : 'failed',
    failureStreak: o.ok ? 0 : streak + 1,
    ...(o.ok || o.failureCode === null ? {} : { lastFailureCode: o.failureCode }),
    ...(lastSuccessAt === undefined ? {} : { lastSuccessAt }),
    ...(lastFailureAt === undefined ? {} : { lastFailureAt }),
  };
};
