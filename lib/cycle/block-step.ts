// A ticket the gates stopped: when the ticket's own facts stopped it, its BLOCKED receipt and FAILED
// result are appended (after the intent is in the lock), and the step names the receipt line.
import { appendedReceiptLine, receiptRef } from './receipts.js';
import { blockAppends } from './records.js';
import type { GateVerdict } from './gates.js';
import { blockedStep } from './turn.js';
import type { CycleCtx } from './context.js';
import { SHOWN } from './layout.js';
import { readOn, recordIntent, type TicketOutcome, type Turn } from './ticket-io.js';

export const block = async (ctx: CycleCtx, turn: Turn, verdict: GateVerdict): Promise<TicketOutcome> => {
  const { safety, read, ticket } = turn;
  const step = blockedStep(ticket, verdict);
  if (!verdict.recordBlock) return { step, read, error: null };
  const appends = blockAppends(
    {
      ticket,
      runId: ctx.runId,
      receiptId: ctx.ports.uuid(),
      resultId: ctx.ports.uuid(),
      at: ctx.at,
      mode: safety.gate.reported,
      blockedBy: verdict.blockedBy,
      detail: verdict.detail ?? '',
      windowActive: safety.snapshot.window_active,
    },
    SHOWN,
  );
  try {
    await recordIntent(ctx, read, ticket);
    await ctx.ports.apply(appends);
  } catch (err) {
    return { step, read, error: { code: 'RECORD_WRITE_FAILED', message: (err as Error).message } };
  }
  const after = await readOn(ctx, read);
  const line = appendedReceiptLine(after.read.newReceipts, ticket.request_id)?.line ?? null;
  return { step: { ...step, receipt_ref: line === null ? null : receiptRef(line) }, ...after };
};
