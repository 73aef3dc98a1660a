// One escalation row through dispatch: the decisions are lib/alerts/row-step; this sends to each
// dispatchable sink that has not already acknowledged the row, and records. Order is what makes a crash
// safe: each acknowledged delivery goes to the ledger the moment it is acknowledged, then the telemetry
// line, then the row's outcome in the ledger. A re-run therefore never resends an acknowledged
// delivery, and reports a row again only when it crashed between that row's telemetry line and its
// ledger record.
import { alertFor, deduplicatedEntry, invalidSinkEntry } from './delivery.js';
import type { Escalation } from './escalation.js';
import { deliveryKey, type DeliveryLedgerState, type LedgerEvent, type LedgerRow } from './ledger.js';
import type { Routed } from './route.js';
import {
  deliveredEvent,
  finishRow,
  routedStep,
  rowStep,
  sentStep,
  type Finish,
  type RowLine,
  type RowReport,
  type RowRun,
  type RowStep,
} from './row-step.js';
import type { DispatchSink, MalformedSink } from './sink-request.js';
import type { LineContext, SinkEntry } from './telemetry.js';
import type { Edge } from '../io/node-edge.js';
import type { Router } from './router.js';
import { sendToSink, type SendPorts } from './send.js';

export interface RowCtx {
  readonly repo: string;
  readonly loopId: string;
  readonly traceId: string;
  readonly iso: () => string;
  readonly route: Router;
  /** The escalation file's lines, read through the edge. */
  readonly lines: Edge['lines'];
  readonly send: SendPorts;
  /** 0 = retry failed deliveries forever. */
  readonly maxDeliveryRuns: number;
  readonly ledger: () => DeliveryLedgerState;
  readonly record: (events: readonly LedgerEvent[]) => Promise<void>;
  readonly telemetry: (line: unknown) => Promise<void>;
}

const finish = async (ctx: RowCtx, row: RowLine, run: RowRun, f: Finish): Promise<RowReport> => {
  const done = finishRow(row, run, f, { at: ctx.iso(), traceId: ctx.traceId });
  await ctx.record([done.event]);
  return done.report;
};

const finishStep = async (
  ctx: RowCtx,
  row: RowLine,
  run: RowRun,
  step: Extract<RowStep, { kind: 'finish' }>,
): Promise<RowReport> => {
  await ctx.telemetry(step.telemetry);
  return finish(ctx, row, run, step.finish);
};

const deliverTo = async (
  ctx: RowCtx,
  at: { readonly row: RowLine; readonly e: Escalation; readonly severity: string },
  sink: DispatchSink | MalformedSink,
): Promise<SinkEntry> => {
  if ('malformed' in sink) return invalidSinkEntry(sink);
  const key = deliveryKey({
    loopId: ctx.loopId,
    line: at.row.line,
    rowSha256: at.row.sha256,
    sinkId: sink.id,
  });
  const head = { id: sink.id, type: sink.type, dedupeKey: key };
  if (Object.hasOwn(ctx.ledger().delivered, key)) return deduplicatedEntry(head);
  const sent = await sendToSink(sink, alertFor(ctx, at.e, at.severity, ctx.iso()), key, ctx.send);
  if (sent.result.status === 'success') {
    const d = {
      key,
      sinkId: sink.id,
      sinkType: sink.type,
      httpStatus: sent.result.httpStatus,
      attempts: sent.attempts,
    };
    await ctx.record([deliveredEvent(at.row, d, { at: ctx.iso(), traceId: ctx.traceId })]);
  }
  return { ...head, ...sent.result, attempts: sent.attempts };
};

const dispatchRouted = async (
  ctx: RowCtx,
  at: { row: RowLine; lc: LineContext; run: RowRun },
  e: Escalation,
  routed: Extract<Routed, { kind: 'routed' }>,
): Promise<RowReport> => {
  const sinks: SinkEntry[] = [];
  for (const sink of routed.sinks)
    sinks.push(await deliverTo(ctx, { row: at.row, e, severity: routed.severity }, sink));
  const done = sentStep(at.lc, e, routed, { sinks, run: at.run });
  await ctx.telemetry(done.telemetry);
  return finish(ctx, at.row, at.run, done.finish);
};

/** Processes one row; `previous` is the ledger's record of an earlier attempt at it (a retry). */
export const processRow = async (
  ctx: RowCtx,
  row: RowLine,
  previous: LedgerRow | null,
): Promise<RowReport> => {
  const run: RowRun = { run: (previous?.deliveryRun ?? 0) + 1, maxDeliveryRuns: ctx.maxDeliveryRuns };
  const lc: LineContext = {
    timestamp: ctx.iso(),
    loopId: ctx.loopId,
    traceId: ctx.traceId,
    escalationLine: row.line,
  };
  const first = rowStep(row.text, lc);
  if (first.kind === 'blank') return { kind: 'blank', codes: [], pending: false, abandoned: false };
  if (first.kind !== 'route') return finishStep(ctx, row, run, first);
  const e = first.escalation;
  const next = routedStep(lc, e, await ctx.route(e), run);
  if (next.kind === 'send') return dispatchRouted(ctx, { row, lc, run }, e, next.routed);
  return finishStep(ctx, row, run, next);
};
