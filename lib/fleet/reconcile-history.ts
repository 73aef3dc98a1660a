// A fold over `fleet/telemetry/reconcile.jsonl`: how many fleet reconcile runs ended in each status,
// the latest run, and the current streak of runs that were not a clean success (what an operator
// asks first when a fleet keeps failing partially).
// Law: fold(all) == foldFrom(fold(prefix), rest).
import type { Positioned, Projection } from '../core/projection.js';
import * as t from 'io-ts';
import { decodeLenient, orElse, section, StringList, text } from './lenient.js';

/** What the fold reads of a rollup line: lenient, so a line of another shape reads as empty. */
const ReconcileLine = section(
  { status: orElse(t.string, 'unknown'), timestamp: text, traceId: text, reasonCodes: StringList },
  'ReconcileLine',
);

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
    const v = decodeLenient(ReconcileLine, e.value);
    const status = v.status;
    return {
      runs: s.runs + 1,
      byStatus: { ...s.byStatus, [status]: (s.byStatus[status] ?? 0) + 1 },
      latest: {
        timestamp: v.timestamp,
        status,
        traceId: v.traceId,
        reasonCodes: v.reasonCodes,
        line: e.position.line,
      },
      unhealthyStreak: status === 'success' ? 0 : s.unhealthyStreak + 1,
    };
  },
};
