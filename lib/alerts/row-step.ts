// One escalation row through dispatch, as decisions: what the row is (blank, unusable, to be routed),
// what its route means (nothing to send, or sinks to send to), and, once sent, its telemetry line and
// the ledger record that ends it. The messages are planned in delivery.ts, sent by the outbox and
// recorded as effects in row-record.ts, in the crash-safe order dispatch-row.ts describes.
import { classifyRow, type Escalation } from './escalation.js';
import type { DeliveredEvent, RowEvent } from './ledger.js';
import { rowOutcome, sinkFailureCodes, type RowKind } from './outcome.js';
import type { AlertReasonCode } from './reason-codes.js';
import type { Routed } from './route.js';
import {
  dispatchLine,
  invalidJsonLine,
  invalidRouteLine,
  missingCategoryLine,
  routeFailedLine,
  skippedLine,
  type LineContext,
  type RetryMark,
  type SinkEntry,
} from './telemetry.js';

/** A complete line of escalations.jsonl: its text, 1-based line, byte range and digest. */
export interface RowLine {
  readonly text: string;
  readonly line: number;
  readonly byteOffset: number;
  /** Byte offset just past the line's newline. */
  readonly end: number;
  readonly sha256: string;
}

/** How a row ended this run. */
export interface RowReport {
  readonly kind: RowKind;
  readonly codes: readonly AlertReasonCode[];
  readonly pending: boolean;
  readonly abandoned: boolean;
}

export interface Finish {
  readonly kind: Exclude<RowKind, 'blank'>;
  readonly codes: readonly AlertReasonCode[];
  readonly retryable: boolean;
}

/** The row's attempt: which delivery run it is and how many runs a failure may take (0 = no limit). */
export interface RowRun {
  readonly run: number;
  readonly maxDeliveryRuns: number;
}

/** What to do with a row: nothing, finish it (one telemetry line), route it, or send it. */
export type RowStep =
  | { readonly kind: 'blank' }
  | { readonly kind: 'finish'; readonly telemetry: object; readonly finish: Finish }
  | { readonly kind: 'route'; readonly escalation: Escalation }
  | { readonly kind: 'send'; readonly routed: Extract<Routed, { kind: 'routed' }> };

const canRetry = (r: RowRun): boolean => r.maxDeliveryRuns === 0 || r.run < r.maxDeliveryRuns;

/** Pure: the retry fields of a telemetry line. */
export const retryMark = (r: RowRun, retryable: boolean): RetryMark => ({
  deliveryRun: r.run,
  retryPending: retryable && canRetry(r),
});

const failedWith = (code: AlertReasonCode, retryable: boolean): Finish => ({
  kind: 'failed',
  codes: [code],
  retryable,
});

/** Pure: the first step of a row, from its text. */
export const rowStep = (text: string, lc: LineContext): Exclude<RowStep, { kind: 'send' }> => {
  const cls = classifyRow(text);
  if (cls.kind === 'blank') return { kind: 'blank' };
  if (cls.kind === 'invalid_json')
    return {
      kind: 'finish',
      telemetry: invalidJsonLine(lc, cls.raw),
      finish: failedWith('invalid_escalation_json', false),
    };
  if (cls.kind === 'missing_category')
    return {
      kind: 'finish',
      telemetry: missingCategoryLine(lc, cls.value),
      finish: failedWith('missing_escalation_category', false),
    };
  return { kind: 'route', escalation: cls.escalation };
};

/** Pure: the step after routing: a failed or empty route finishes the row, else its sinks are sent to. */
export const routedStep = (
  lc: LineContext,
  e: Escalation,
  routed: Routed,
  r: RowRun,
): Extract<RowStep, { kind: 'finish' | 'send' }> => {
  if (routed.kind === 'route_failed')
    return {
      kind: 'finish',
      telemetry: routeFailedLine(lc, e, routed.message, retryMark(r, routed.retryable)),
      finish: failedWith('route_resolution_failed', routed.retryable),
    };
  if (routed.kind === 'invalid_route')
    return {
      kind: 'finish',
      telemetry: invalidRouteLine(lc, e, routed.raw, retryMark(r, true)),
      finish: failedWith('invalid_route_resolution', true),
    };
  if (routed.shouldDispatch && routed.sinks.length > 0) return { kind: 'send', routed };
  const reason = routed.shouldDispatch ? 'no_dispatchable_sinks' : 'severity_below_min';
  const resolved = { severity: routed.severity, route: routed.route };
  return {
    kind: 'finish',
    telemetry: skippedLine(lc, e, resolved, reason),
    finish: { kind: 'skipped', codes: [], retryable: false },
  };
};

/** Pure: the telemetry line and finish of a row sent to its sinks (one entry per sink). */
export const sentStep = (
  lc: LineContext,
  e: Escalation,
  routed: Extract<Routed, { kind: 'routed' }>,
  sent: { readonly sinks: readonly SinkEntry[]; readonly run: RowRun },
): { telemetry: object; finish: Finish } => {
  const outcome = rowOutcome(sent.sinks);
  const retryable = outcome.failed > 0;
  const resolved = { severity: routed.severity, route: routed.route, sinks: sent.sinks, outcome };
  return {
    telemetry: dispatchLine(lc, e, resolved, retryMark(sent.run, retryable)),
    finish: { kind: outcome.status, codes: sinkFailureCodes(sent.sinks), retryable },
  };
};

/** Pure: the report of a finished row and the ledger record that ends it. */
export const finishRow = (
  row: RowLine,
  r: RowRun,
  f: Finish,
  stamp: { readonly at: string; readonly traceId: string },
): { report: RowReport; event: RowEvent } => {
  const report = {
    kind: f.kind,
    codes: f.codes,
    pending: f.retryable && canRetry(r),
    abandoned: f.retryable && !canRetry(r),
  };
  const event: RowEvent = {
    type: 'row',
    line: row.line,
    byteOffset: row.byteOffset,
    rowSha256: row.sha256,
    kind: f.kind,
    failureCodes: f.codes,
    pending: report.pending,
    abandoned: report.abandoned,
    deliveryRun: r.run,
    at: stamp.at,
    traceId: stamp.traceId,
  };
  return { report, event };
};

/** Pure: the ledger record of one acknowledged delivery. */
export const deliveredEvent = (
  row: RowLine,
  d: { key: string; sinkId: string; sinkType: string; httpStatus: number | null; attempts: number },
  stamp: { readonly at: string; readonly traceId: string },
): DeliveredEvent => ({
  type: 'delivered',
  key: d.key,
  line: row.line,
  rowSha256: row.sha256,
  sinkId: d.sinkId,
  sinkType: d.sinkType,
  httpStatus: d.httpStatus,
  attempts: d.attempts,
  at: stamp.at,
  traceId: stamp.traceId,
});
