// One escalation row through dispatch: the decisions are lib/alerts/row-step; a routed row is planned
// (delivery.ts: which sinks get a message, deduplicated against the ledger), its messages are sent by
// the outbox (lib/core/outbox), and what came back is recorded as effects (row-record.ts). Order is
// what makes a crash safe: each acknowledged delivery is recorded in the ledger before the next message
// is sent, then the telemetry line, then the row's outcome in the ledger. A re-run therefore never
// resends a recorded delivery (a crash between a send and its record re-sends that one message), and
// reports a row again only when it crashed between that row's telemetry line and its ledger record.
import { sendMessages } from '../core/outbox.js';
import type { Effect } from '../io/effects.js';
import type { Edge } from '../io/node-edge.js';
import { messagesOf, planDeliveries } from './delivery.js';
import type { Escalation } from './escalation.js';
import type { DeliveryLedgerState, LedgerRow } from './ledger.js';
import type { Routed } from './route.js';
import type { Router } from './router.js';
import { deliveryEffects, finishEffects, sinkEntries, type RecordFiles, type Stamp } from './row-record.js';
import {
  finishRow,
  routedStep,
  rowStep,
  sentStep,
  type Finish,
  type RowLine,
  type RowReport,
  type RowRun,
} from './row-step.js';
import { alertVia, type SendPorts } from './send.js';
import type { LineContext } from './telemetry.js';

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
  readonly files: RecordFiles;
  /** Applies effects in the crash-safe order; ledger records are folded into `ledger()` once applied. */
  readonly apply: (effects: readonly Effect[]) => Promise<void>;
}

const stampOf = (ctx: RowCtx): Stamp => ({ at: ctx.iso(), traceId: ctx.traceId });

const finish = async (
  ctx: RowCtx,
  at: { readonly row: RowLine; readonly run: RowRun },
  telemetry: object,
  f: Finish,
): Promise<RowReport> => {
  const done = finishRow(at.row, at.run, f, stampOf(ctx));
  await ctx.apply(finishEffects(ctx.files, telemetry, done.event));
  return done.report;
};

const dispatchRouted = async (
  ctx: RowCtx,
  at: { row: RowLine; lc: LineContext; run: RowRun },
  e: Escalation,
  routed: Extract<Routed, { kind: 'routed' }>,
): Promise<RowReport> => {
  const plan = planDeliveries(
    ctx,
    { row: at.row, e, severity: routed.severity },
    routed.sinks,
    ctx.ledger().delivered,
  );
  const outcomes = await sendMessages(messagesOf(plan), alertVia(ctx.send, ctx.iso), {
    record: (o) => deliveryEffects(ctx.files, at.row, o, stampOf(ctx)),
    apply: ctx.apply,
  });
  const done = sentStep(at.lc, e, routed, { sinks: sinkEntries(plan, outcomes), run: at.run });
  return finish(ctx, at, done.telemetry, done.finish);
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
  if (first.kind !== 'route') return finish(ctx, { row, run }, first.telemetry, first.finish);
  const e = first.escalation;
  const next = routedStep(lc, e, await ctx.route(e), run);
  if (next.kind === 'send') return dispatchRouted(ctx, { row, lc, run }, e, next.routed);
  return finish(ctx, { row, run }, next.telemetry, next.finish);
};
