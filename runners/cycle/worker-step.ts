// A ticket the gates let through: the intent goes into the lock, the worker runs once (the lock's
// locked_at refreshed while it runs, so it does not go stale), then what it appended is read.
import type { TicketRequest } from '../../lib/cycle/codecs-tickets.js';
import type { GateVerdict } from '../../lib/cycle/gates.js';
import { appendedReceiptLine } from '../../lib/cycle/receipts.js';
import { statusOf } from '../../lib/cycle/tickets.js';
import { notRunStep, workerEnv, workerFailure, workerStep } from '../../lib/cycle/turn.js';
import type { CycleCtx } from './context.js';
import { readOn, recordIntent, type TicketOutcome } from './ticket-io.js';
import type { LogsRead } from './ticket-logs.js';

const withHeartbeat = async <T>(
  ctx: CycleCtx,
  ticket: TicketRequest,
  read: LogsRead,
  run: () => Promise<T>,
) => {
  const beat = setInterval(
    () => void recordIntent(ctx, read, ticket).catch(() => undefined),
    ctx.deps.heartbeatMs,
  );
  beat.unref();
  try {
    return await run();
  } finally {
    clearInterval(beat);
  }
};

export const runWorker = async (
  ctx: CycleCtx,
  read: LogsRead,
  ticket: TicketRequest,
  verdict: GateVerdict,
): Promise<TicketOutcome> => {
  const cmd = ctx.opts.workerCmd;
  const mode = verdict.runAs ?? 'MOCK_ONLY';
  if (cmd === null) return { step: notRunStep(ticket), read, error: null };
  await recordIntent(ctx, read, ticket);
  const facts = { mode, runId: ctx.runId, at: ctx.at, root: ctx.paths.root, windowId: verdict.windowId };
  const spec = {
    cmd,
    cwd: ctx.paths.root,
    env: workerEnv(ctx.deps.env, ticket, { ...facts, pid: ctx.deps.pid }),
    stdin: `${JSON.stringify(ticket)}\n`,
    timeoutMs: ctx.opts.workerTimeoutMs,
  };
  const outcome = await withHeartbeat(ctx, ticket, read, () => ctx.deps.runWorker(spec));
  const after = await readOn(ctx, read);
  const status = statusOf(after.read.logs.results, ticket.request_id);
  const failure = workerFailure(outcome, status, ctx.opts.workerTimeoutMs);
  if (failure !== null && outcome.outputTail !== '')
    ctx.deps.log(`worker output (tail):\n${outcome.outputTail.trimEnd()}`);
  const receiptLine = appendedReceiptLine(after.read.newReceipts, ticket.request_id)?.line ?? null;
  return { step: workerStep({ ticket, mode, outcome, failure, receiptLine }), ...after };
};
