// A ticket the gates let through when no worker command is given: the built-in worker (mock-worker.ts)
// simulates it under MOCK_ONLY or DRY_RUN. Its records go through the ports' append like the cycle's own,
// after the intent is in the lock, and are read back as a worker's would be. REAL is not simulated: the
// ticket is left OPEN (the cycle's configuration lacks a real worker, the ticket is not at fault).
import { SHOWN } from './layout.js';
import { mockWorkAppends, MOCK_STEP_MS } from './mock-worker.js';
import { appendedReceiptLine } from './receipts.js';
import { statusOf } from './tickets.js';
import { notRunStep, workerFailure, workerStep, type WorkerOutcome } from './turn.js';
import { formatInZone } from './zone.js';
import { elapsedMs, type CycleCtx } from './context.js';
import { readOn, recordIntent, type TicketOutcome, type Turn } from './ticket-io.js';
import type { GateVerdict } from './gates.js';

const SIMULATED: WorkerOutcome = {
  exitCode: 0,
  signal: null,
  timedOut: false,
  spawnError: null,
  outputTail: '',
};

/** The selected ticket through the built-in worker. */
export const runMockWorker = async (
  ctx: CycleCtx,
  turn: Turn,
  verdict: GateVerdict,
): Promise<TicketOutcome> => {
  const { safety, read, ticket } = turn;
  const mode = verdict.runAs;
  if (mode !== 'MOCK_ONLY' && mode !== 'DRY_RUN') return { step: notRunStep(ticket), read, error: null };
  const started = elapsedMs(ctx);
  const appends = mockWorkAppends(
    {
      ticket,
      mode,
      runId: ctx.runId,
      startedAt: formatInZone(started, ctx.opts.zone),
      finishedAt: formatInZone(started + MOCK_STEP_MS, ctx.opts.zone),
      ids: { started: ctx.ports.uuid(), receipt: ctx.ports.uuid(), done: ctx.ports.uuid() },
      allowlistPass: safety.allowlist.allowlist?.allowed_request_types.includes(ticket.request_type) ?? false,
      windowActive: safety.snapshot.window_active,
    },
    SHOWN,
  );
  try {
    await recordIntent(ctx, read, ticket);
    await ctx.ports.apply(appends);
  } catch (err) {
    const message = (err as Error).message;
    const failure = `the built-in worker's records could not be appended: ${message}`;
    const step = workerStep({ ticket, mode, outcome: SIMULATED, failure, receiptLine: null });
    return { step, read, error: { code: 'RECORD_WRITE_FAILED', message } };
  }
  const after = await readOn(ctx, read);
  const status = statusOf(after.read.logs.results, ticket.request_id);
  const failure = workerFailure(SIMULATED, status, ctx.opts.workerTimeoutMs);
  const receiptLine = appendedReceiptLine(after.read.newReceipts, ticket.request_id)?.line ?? null;
  const step = workerStep({ ticket, mode, outcome: SIMULATED, failure, receiptLine });
  return { step: { ...step, worker: step.worker && { ...step.worker, builtin: true } }, ...after };
};
