// One escalation row through dispatch: classify, route, send to each dispatchable sink that has not
// already acknowledged it, then record. Order is what makes a crash safe: each acknowledged delivery
// goes to the ledger the moment it is acknowledged, then the telemetry line, then the row's outcome in
// the ledger. A re-run therefore never resends an acknowledged delivery, and reports a row again only
// when it crashed between that row's telemetry line and its ledger record.
import { classifyRow, type Escalation } from '../../lib/alerts/escalation.js';
import {
  deliveryKey,
  type DeliveryLedgerState,
  type LedgerEvent,
  type LedgerRow,
} from '../../lib/alerts/ledger.js';
import { rowOutcome, sinkFailureCodes, type RowKind } from '../../lib/alerts/outcome.js';
import type { AlertReasonCode } from '../../lib/alerts/reason-codes.js';
import {
  dispatchLine,
  invalidJsonLine,
  invalidRouteLine,
  missingCategoryLine,
  routeFailedLine,
  skippedLine,
  type LineContext,
  type SinkEntry,
} from '../../lib/alerts/telemetry.js';
import type { RowLine } from './escalation-file.js';
import type { Router, Routed } from './router.js';
import { asDispatchSink, sendToSink, type SendDeps } from './send.js';
import { failed } from '../../lib/alerts/sink-result.js';
import { isObject } from '../../lib/alerts/json.js';

export interface RowCtx {
  readonly repo: string;
  readonly loopId: string;
  readonly traceId: string;
  readonly iso: () => string;
  readonly route: Router;
  readonly send: SendDeps;
  /** 0 = retry failed deliveries forever. */
  readonly maxDeliveryRuns: number;
  readonly ledger: () => DeliveryLedgerState;
  readonly record: (events: readonly LedgerEvent[]) => Promise<void>;
  readonly telemetry: (line: unknown) => Promise<void>;
}

export interface RowReport {
  readonly kind: RowKind;
  readonly codes: readonly AlertReasonCode[];
  readonly pending: boolean;
  readonly abandoned: boolean;
}

interface Finish {
  readonly kind: Exclude<RowKind, 'blank'>;
  readonly codes: readonly AlertReasonCode[];
  readonly retryable: boolean;
}

const finish = async (ctx: RowCtx, row: RowLine, run: number, f: Finish): Promise<RowReport> => {
  const canRetry = ctx.maxDeliveryRuns === 0 || run < ctx.maxDeliveryRuns;
  const report = {
    kind: f.kind,
    codes: f.codes,
    pending: f.retryable && canRetry,
    abandoned: f.retryable && !canRetry,
  };
  await ctx.record([
    {
      type: 'row',
      line: row.line,
      byteOffset: row.byteOffset,
      rowSha256: row.sha256,
      kind: f.kind,
      failureCodes: f.codes,
      pending: report.pending,
      abandoned: report.abandoned,
      deliveryRun: run,
      at: ctx.iso(),
      traceId: ctx.traceId,
    },
  ]);
  return report;
};

const retryMark = (ctx: RowCtx, run: number, retryable: boolean) => ({
  deliveryRun: run,
  retryPending: retryable && (ctx.maxDeliveryRuns === 0 || run < ctx.maxDeliveryRuns),
});

const deliverTo = async (
  ctx: RowCtx,
  at: { readonly row: RowLine; readonly e: Escalation; readonly severity: string },
  raw: unknown,
): Promise<SinkEntry> => {
  const { row, e } = at;
  const sink = asDispatchSink(raw);
  if (sink === null) {
    const id = isObject(raw) && typeof raw['id'] === 'string' ? raw['id'] : 'unknown';
    return { id, type: 'unknown', ...failed('invalid_sink_result', null), dedupeKey: '', attempts: 0 };
  }
  const key = deliveryKey({ loopId: ctx.loopId, line: row.line, rowSha256: row.sha256, sinkId: sink.id });
  const head = { id: sink.id, type: sink.type, dedupeKey: key };
  if (Object.hasOwn(ctx.ledger().delivered, key))
    return {
      ...head,
      status: 'success',
      httpStatus: null,
      reasonCode: null,
      message: null,
      attempts: 0,
      deduplicated: true,
    };
  const alert = {
    repoPath: ctx.repo,
    loopId: e.loopId ?? ctx.loopId,
    category: e.category,
    severity: at.severity,
    traceId: e.traceId ?? ctx.traceId,
    escalationTimestamp: e.timestamp,
    emittedAt: ctx.iso(),
    escalation: e.value,
  };
  const sent = await sendToSink(sink, alert, key, ctx.send);
  if (sent.result.status === 'success') {
    await ctx.record([
      {
        type: 'delivered',
        key,
        line: row.line,
        rowSha256: row.sha256,
        sinkId: sink.id,
        sinkType: sink.type,
        httpStatus: sent.result.httpStatus,
        attempts: sent.attempts,
        at: ctx.iso(),
        traceId: ctx.traceId,
      },
    ]);
  }
  return { ...head, ...sent.result, attempts: sent.attempts };
};

const dispatchRouted = async (
  ctx: RowCtx,
  at: { row: RowLine; lc: LineContext; run: number },
  e: Escalation,
  routed: Extract<Routed, { kind: 'routed' }>,
): Promise<RowReport> => {
  const resolved = { severity: routed.severity, route: routed.route };
  if (!routed.shouldDispatch || routed.sinks.length === 0) {
    const reason = routed.shouldDispatch ? 'no_dispatchable_sinks' : 'severity_below_min';
    await ctx.telemetry(skippedLine(at.lc, e, resolved, reason));
    return finish(ctx, at.row, at.run, { kind: 'skipped', codes: [], retryable: false });
  }
  const sinks: SinkEntry[] = [];
  for (const raw of routed.sinks)
    sinks.push(await deliverTo(ctx, { row: at.row, e, severity: routed.severity }, raw));
  const outcome = rowOutcome(sinks);
  const retryable = outcome.failed > 0;
  await ctx.telemetry(
    dispatchLine(at.lc, e, { ...resolved, sinks, outcome }, retryMark(ctx, at.run, retryable)),
  );
  return finish(ctx, at.row, at.run, { kind: outcome.status, codes: sinkFailureCodes(sinks), retryable });
};

/** Processes one row; `previous` is the ledger's record of an earlier attempt at it (a retry). */
export const processRow = async (
  ctx: RowCtx,
  row: RowLine,
  previous: LedgerRow | null,
): Promise<RowReport> => {
  const cls = classifyRow(row.text);
  if (cls.kind === 'blank') return { kind: 'blank', codes: [], pending: false, abandoned: false };
  const run = (previous?.deliveryRun ?? 0) + 1;
  const lc: LineContext = {
    timestamp: ctx.iso(),
    loopId: ctx.loopId,
    traceId: ctx.traceId,
    escalationLine: row.line,
  };
  if (cls.kind === 'invalid_json') {
    await ctx.telemetry(invalidJsonLine(lc, cls.raw));
    return finish(ctx, row, run, { kind: 'failed', codes: ['invalid_escalation_json'], retryable: false });
  }
  if (cls.kind === 'missing_category') {
    await ctx.telemetry(missingCategoryLine(lc, cls.value));
    return finish(ctx, row, run, {
      kind: 'failed',
      codes: ['missing_escalation_category'],
      retryable: false,
    });
  }
  const e = cls.escalation;
  const routed = await ctx.route(e);
  if (routed.kind === 'route_failed') {
    await ctx.telemetry(routeFailedLine(lc, e, routed.message, retryMark(ctx, run, routed.retryable)));
    const retryable = routed.retryable;
    return finish(ctx, row, run, { kind: 'failed', codes: ['route_resolution_failed'], retryable });
  }
  if (routed.kind === 'invalid_route') {
    await ctx.telemetry(invalidRouteLine(lc, e, routed.raw, retryMark(ctx, run, true)));
    return finish(ctx, row, run, { kind: 'failed', codes: ['invalid_route_resolution'], retryable: true });
  }
  return dispatchRouted(ctx, { row, lc, run }, e, routed);
};
