// alert-dispatch-state.json: the reference's keys (summary counts, failure codes and the line cursor)
// plus opsfold's: the byte offset and fingerprint of the cursor (so a resume reads only appended
// bytes), the delivery ledger's path, rows retried from earlier runs, and rows a crashed run had
// already finished.
import type { SourceFingerprint } from '../core/position.js';
import type { AlertDispatchStateDoc } from './codecs.js';
import { nonEmpty } from './json.js';
import { summaryStatus, type RunCounts } from './outcome.js';
import { uniqueSorted, type AlertReasonCode } from './reason-codes.js';
import type { RowReport } from './row-step.js';

/** alert-dispatch-state.json as written and printed. */
export type DispatchStateDoc = AlertDispatchStateDoc;

export interface RetryCounts {
  readonly rows: number;
  readonly dispatched: number;
  readonly failed: number;
  /** Rows still owing a delivery after this run. */
  readonly pending: number;
  /** Rows given up on this run (their last allowed delivery run failed). */
  readonly abandoned: number;
  readonly failureCodes: readonly AlertReasonCode[];
}

export const noRetries: RetryCounts = {
  rows: 0,
  dispatched: 0,
  failed: 0,
  pending: 0,
  abandoned: 0,
  failureCodes: [],
};

export interface DispatchStateInput {
  readonly updatedAt: string;
  readonly loopId: string;
  readonly traceId: string;
  readonly escalationsFile: string;
  readonly telemetryFile: string;
  /** no_source when the escalations file is missing; otherwise derived from the counts. */
  readonly noSource: boolean;
  readonly counts: RunCounts;
  readonly retry: RetryCounts;
  readonly recovered: number;
  readonly lineOffset: number;
  readonly lineCount: number;
  readonly byteOffset: number | null;
  readonly fingerprint: SourceFingerprint | null;
  readonly ledgerFile: string;
}

/** Pure: the retry counts with one more retried row. */
export const addRetry = (r: RetryCounts, report: RowReport): RetryCounts => ({
  ...r,
  rows: r.rows + 1,
  dispatched: r.dispatched + (report.kind === 'dispatched' || report.kind === 'partial' ? 1 : 0),
  failed: r.failed + (report.kind === 'failed' || report.kind === 'partial' ? 1 : 0),
  abandoned: r.abandoned + (report.abandoned ? 1 : 0),
  failureCodes: uniqueSorted([...r.failureCodes, ...report.codes]),
});

/** Pure: the run's status: the reference's rule over new rows and retried rows together. */
export const runStatus = (i: DispatchStateInput): DispatchStateDoc['status'] => {
  if (i.noSource) return 'no_source';
  const c = i.counts;
  return summaryStatus({
    ...c,
    processed: c.processed + i.retry.rows,
    dispatched: c.dispatched + i.retry.dispatched,
    failed: c.failed + i.retry.failed,
  });
};

/** Pure: the state document, printed and written atomically. */
export const dispatchState = (i: DispatchStateInput): DispatchStateDoc => ({
  schemaVersion: 'v1',
  updatedAt: i.updatedAt,
  loopId: i.loopId,
  traceId: nonEmpty(i.traceId),
  escalationsFile: i.escalationsFile,
  dispatchTelemetryFile: i.telemetryFile,
  status: runStatus(i),
  processedCount: i.counts.processed,
  dispatchedCount: i.counts.dispatched,
  skippedCount: i.counts.skipped,
  failedCount: i.counts.failed,
  failureReasonCodes: uniqueSorted([...i.counts.failureCodes, ...i.retry.failureCodes]),
  escalationsLineOffset: i.lineOffset,
  escalationsLineCount: i.lineCount,
  escalationsByteOffset: i.byteOffset,
  escalationsFingerprint: i.fingerprint,
  deliveryLedgerFile: i.ledgerFile,
  retry: { ...i.retry, failureCodes: [...i.retry.failureCodes] },
  recoveredCount: i.recovered,
});

/** Pure: one line summing up a pass's state (the demo prints one per pass). */
export const stateSummaryLine = (label: string, s: DispatchStateDoc): string => {
  const codes = s.failureReasonCodes.join(',') || '-';
  return (
    `  ${label.padEnd(28)}${s.status.padEnd(20)}processed ${s.processedCount}  dispatched ${s.dispatchedCount}  ` +
    `skipped ${s.skippedCount}  failed ${s.failedCount}  retried ${s.retry.rows}  pending ${s.retry.pending}  codes ${codes}`
  );
};
