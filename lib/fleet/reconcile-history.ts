// A fold over `fleet/telemetry/reconcile.jsonl`: how many fleet reconcile runs ended in each status,
// the latest run, and the current streak of runs that were not a clean success (what an operator
// asks first when a fleet keeps failing partially).
// Law: fold(all) == foldFrom(fold(prefix), rest).
import type { Positioned, Projection } from '../core/projection.js';
import { at, strOrNull, strings } from './json.js';

export interface ReconcileHistory {
  readonly runs: number;
  readonly byStatus: Readonly<Record<string, number>>;
  readonly latest: {
    readonly timestamp: string | null;
    readonly status: string;
    readonly traceId: string | null;
    readonly reasonCodes: readonly string[];
    readonly line: number;
  } | null;
  readonly unhealthyStreak: number;
}

export const reconcileHistoryProjection: Projection<ReconcileHistory, unknown> = {
  name: 'fleet-reconcile-history',
  version: 1,
  initial: { runs: 0, byStatus: {}, latest: null, unhealthyStreak: 0 },
  evolve(s, e: Positioned<unknown>) {
    const status = strOrNull(at(e.value, 'status')) ?? 'unknown';
    return {
      runs: s.runs + 1,
      byStatus: { ...s.byStatus, [status]: (s.byStatus[status] ?? 0) + 1 },
      latest: {
        timestamp: strOrNull(at(e.value, 'timestamp')),
        status,
        traceId: strOrNull(at(e.value, 'traceId')),
        reasonCodes: strings(at(e.value, 'reasonCodes')),
        line: e.position.line,
      },
      unhealthyStreak: status === 'success' ? 0 : s.unhealthyStreak + 1,
    };
  },
};
