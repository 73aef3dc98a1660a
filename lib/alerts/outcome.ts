// How sink results add up: to a row's status (dispatched, partial, failed) and to a run's summary
// (success, partial, failed, no_new_escalations), with the reference's counting rules: a partial row
// counts as both dispatched and failed; a blank or skipped row as skipped.
import type { AlertReasonCode } from './reason-codes.js';
import { uniqueSorted } from './reason-codes.js';
import type { RowOutcome, SinkEntry } from './telemetry.js';

/** Pure: the failure code each failed sink contributes (a failure without a code is sink_dispatch_failed). */
export const sinkFailureCodes = (sinks: readonly SinkEntry[]): AlertReasonCode[] =>
  sinks.filter((s) => s.status !== 'success').map((s) => s.reasonCode ?? 'sink_dispatch_failed');

/** Pure: a row's status from its sinks (no sink, or no success, is a failed dispatch). */
export const rowOutcome = (sinks: readonly SinkEntry[]): RowOutcome => {
  const dispatched = sinks.filter((s) => s.status === 'success').length;
  const failed = sinks.length - dispatched;
  if (failed === 0 && dispatched > 0) return { status: 'dispatched', reasonCode: null, dispatched, failed };
  if (dispatched > 0)
    return { status: 'partial', reasonCode: 'partial_dispatch_failure', dispatched, failed };
  return { status: 'failed', reasonCode: 'dispatch_failed', dispatched, failed };
};

export type RowKind = 'blank' | 'skipped' | 'dispatched' | 'partial' | 'failed';

export interface RunCounts {
  readonly processed: number;
  readonly dispatched: number;
  readonly skipped: number;
  readonly failed: number;
  readonly failureCodes: readonly AlertReasonCode[];
}

export const noCounts: RunCounts = { processed: 0, dispatched: 0, skipped: 0, failed: 0, failureCodes: [] };

/** Pure: adds one row to the counts. */
export const countRow = (c: RunCounts, kind: RowKind, codes: readonly AlertReasonCode[]): RunCounts => ({
  processed: c.processed + 1,
  dispatched: c.dispatched + (kind === 'dispatched' || kind === 'partial' ? 1 : 0),
  skipped: c.skipped + (kind === 'blank' || kind === 'skipped' ? 1 : 0),
  failed: c.failed + (kind === 'failed' || kind === 'partial' ? 1 : 0),
  failureCodes: uniqueSorted([...c.failureCodes, ...codes]),
});

/** Pure: the run's status from its counts (the reference's rule). */
export const summaryStatus = (c: RunCounts): 'success' | 'partial' | 'failed' | 'no_new_escalations' => {
  if (c.processed === 0) return 'no_new_escalations';
  if (c.failed > 0 && c.dispatched === 0) return 'failed';
  if (c.failed > 0) return 'partial';
  return 'success';
};
