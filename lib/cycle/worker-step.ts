// A ticket the gates let through goes to the worker: the built-in one (mock-step.ts) without a worker
// command, else the command: the intent goes into the lock, the command runs once (the lock's locked_at
// refreshed while it runs, so it does not go stale), then what it appended is read.
import type { TicketRequest } from './codecs-tickets.js';
import type { GateVerdict } from './gates.js';
import { appendedReceiptLine } from './receipts.js';
import { statusOf } from './tickets.js';
import { workerEnv, workerFailure, workerStep } from './turn.js';
import type { CycleCtx } from './context.js';
import { runMockWorker } from './mock-step.js';
import { readOn, recordIntent, type TicketOutcome, type Turn } from './ticket-io.js';
import type { LogsRead } from './ticket-logs.js';

const runCommand = async (
  ctx: CycleCtx,
  cmd: string,
  { read, ticket }: { read: LogsRead; ticket: TicketRequest },
  verdict: GateVerdict,
): Promise<TicketOutcome> => {
  const mode = verdict.runAs ?? 'MOCK_ONLY';
  await recordIntent(ctx, read, ticket);
  const facts = { mode, runId: ctx.runId, at: ctx.at, root: ctx.opts.root, windowId: verdict.windowId };
  const spec = {
    cmd,
    cwd: ctx.opts.root,
    env: workerEnv(ctx.ports.env, ticket, { ...facts, pid: ctx.ports.pid }),
    stdin: `${JSON.stringify(ticket)}\n`,
    timeoutMs: ctx.opts.workerTimeoutMs,
  };
  const outcome = await ctx.ports.withHeartbeat(
    () => recordIntent(ctx, read, ticket),
    () => ctx.ports.runWorker(spec),
  );
  const after = await readOn(ctx, read);
  const status = statusOf(after.read.logs.results, ticket.request_id);
  const failure = workerFailure(outcome, status, ctx.opts.workerTimeoutMs);
  if (failure !== null && outcome.outputTail !== '')
    ctx.ports.log(`worker output (tail):\n${outcome.outputTail.trimEnd()}`);
  const receiptLine = appendedReceiptLine(after.read.newReceipts, ticket.request_id)?.line ?? null;
  return { step: workerStep({ ticket, mode, outcome, failure, receiptLine }), ...after };
};

/** The selected ticket through the worker command, or the built-in worker without one. */
export const runWorker = (ctx: CycleCtx, turn: Turn, verdict: GateVerdict): Promise<TicketOutcome> => {
  const cmd = ctx.opts.workerCmd;
  return cmd === null ? runMockWorker(ctx, turn, verdict) : runCommand(ctx, cmd, turn, verdict);
};
