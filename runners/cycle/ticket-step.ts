// Step 5: the selected ticket through the safety gates, then (when they all say yes) one worker run.
// Before anything is appended to a ticket log the lock records the ticket and the logs' line counts, so
// a crash from here on is recognised by the next cycle.
import { promises as fsp } from 'node:fs';
import { isAbsolute, relative, resolve } from 'node:path';
import type { CycleError } from '../../lib/cycle/reasons.js';
import type { TicketStep } from '../../lib/cycle/codecs-snapshot.js';
import type { TicketRequest } from '../../lib/cycle/codecs-tickets.js';
import { decideGates, type GateVerdict } from '../../lib/cycle/gates.js';
import { lockContent } from '../../lib/cycle/lock-rules.js';
import { appendedReceiptLine, receiptRef } from '../../lib/cycle/receipts.js';
import { blockRecords } from '../../lib/cycle/records.js';
import { preflightPathsOf } from '../../lib/cycle/safety.js';
import { takenStep } from '../../lib/cycle/snapshot.js';
import { statusOf } from '../../lib/cycle/tickets.js';
import { activeWindows } from '../../lib/cycle/windows.js';
import { elapsedAt, type CycleCtx, type SafetyRead } from './context.js';
import { badLineText } from './fold-log.js';
import { updateLock } from './lock-file.js';
import { readTicketLogs, type LogsRead } from './ticket-logs.js';
import type { WorkerOutcome } from './worker.js';

export interface TicketOutcome {
  readonly step: TicketStep;
  readonly read: LogsRead;
  readonly error: CycleError | null;
}

const preflightFailures = async (ctx: CycleCtx, paths: readonly string[]): Promise<string[]> => {
  const failures: string[] = [];
  for (const p of paths) {
    const abs = resolve(ctx.paths.root, p);
    const rel = relative(ctx.paths.root, abs);
    if (rel.startsWith('..') || isAbsolute(rel)) failures.push(`outside the root: ${p}`);
    else if ((await fsp.stat(abs).catch(() => null)) === null) failures.push(`missing ${p}`);
  }
  return failures;
};

const verdictFor = async (ctx: CycleCtx, safety: SafetyRead, ticket: TicketRequest): Promise<GateVerdict> => {
  const type = ticket.request_type;
  const real = safety.gate.mode === 'REAL';
  const windows = safety.windowsTrusted
    ? activeWindows(safety.windows, ctx.opts.asOfMs, ctx.opts.zone, type).map((w) => w.window_id)
    : [];
  return decideGates({
    requestType: type,
    mode: safety.gate.mode,
    reportedMode: safety.gate.reported,
    gateProblem: safety.gate.problem,
    allowlist: safety.allowlist.allowlist,
    allowlistProblem: safety.allowlist.problem,
    activeWindowIds: windows,
    preflightFailures: real
      ? await preflightFailures(ctx, preflightPathsOf(safety.allowlist.allowlist, type))
      : [],
  });
};

/** Writes the crash-recovery intent into the lock before the first append to a ticket log. */
const recordIntent = (ctx: CycleCtx, read: LogsRead, ticket: TicketRequest): Promise<boolean> =>
  updateLock(
    ctx.paths.lock,
    lockContent(ctx.runId, elapsedAt(ctx), {
      pid: ctx.deps.pid,
      host: ctx.deps.host,
      selected_request_id: ticket.request_id,
      receipts_lines_before: read.from.receipts.cursor.lines,
      results_lines_before: read.from.results.cursor.lines,
    }),
  );

/** Reads what was appended since `read`; a bad appended line fails the cycle. */
const readOn = async (
  ctx: CycleCtx,
  read: LogsRead,
): Promise<{ read: LogsRead; error: CycleError | null }> => {
  const after = await readTicketLogs(ctx.paths, ctx.opts.zone, read);
  const fresh = after.bad.slice(read.bad.length);
  if (after.unreadable.length > 0)
    return { read: after, error: { code: 'LOG_UNREADABLE', message: after.unreadable.join('; ') } };
  if (fresh.length > 0)
    return { read: after, error: { code: 'LOG_CORRUPT', message: fresh.map(badLineText).join('; ') } };
  return { read: after, error: null };
};

export interface Turn {
  readonly safety: SafetyRead;
  readonly read: LogsRead;
  readonly ticket: TicketRequest;
}

const block = async (ctx: CycleCtx, turn: Turn, verdict: GateVerdict): Promise<TicketOutcome> => {
  const { safety, read, ticket } = turn;
  const step: TicketStep = {
    ...takenStep(ticket.request_id, ticket.request_type),
    reason: verdict.blockedBy[0] ?? 'GATE_BLOCKED',
    blocked_by: [...verdict.blockedBy],
    reason_detail: verdict.detail,
  };
  if (!verdict.recordBlock) return { step, read, error: null };
  const [receipt, result] = blockRecords({
    ticket,
    runId: ctx.runId,
    receiptId: ctx.deps.uuid(),
    resultId: ctx.deps.uuid(),
    at: ctx.at,
    mode: safety.gate.reported,
    blockedBy: verdict.blockedBy,
    detail: verdict.detail ?? '',
    windowActive: safety.snapshot.window_active,
  });
  try {
    await recordIntent(ctx, read, ticket);
    await ctx.deps.append(ctx.paths.receipts, [receipt]);
    await ctx.deps.append(ctx.paths.results, [result]);
  } catch (err) {
    return { step, read, error: { code: 'RECORD_WRITE_FAILED', message: (err as Error).message } };
  }
  const after = await readOn(ctx, read);
  const line = appendedReceiptLine(after.read.newReceipts, ticket.request_id)?.line ?? null;
  return { step: { ...step, receipt_ref: line === null ? null : receiptRef(line) }, ...after };
};

const failureOf = (w: WorkerOutcome, status: string, timeoutMs: number): string | null => {
  if (w.spawnError !== null) return `worker could not start: ${w.spawnError}`;
  if (w.timedOut) return `worker timed out after ${timeoutMs / 1000} s and was stopped`;
  if (w.exitCode !== 0)
    return w.signal === null ? `worker exited with code ${w.exitCode}` : `worker ended by ${w.signal}`;
  return status === 'DONE' ? null : `worker exited 0 but the ticket's latest result is ${status}`;
};

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

const runWorker = async (
  ctx: CycleCtx,
  read: LogsRead,
  ticket: TicketRequest,
  verdict: GateVerdict,
): Promise<TicketOutcome> => {
  const base = takenStep(ticket.request_id, ticket.request_type);
  const cmd = ctx.opts.workerCmd;
  const mode = verdict.runAs ?? 'MOCK_ONLY';
  if (cmd === null)
    return {
      step: { ...base, reason_detail: 'no --worker-cmd given; the ticket was not run' },
      read,
      error: null,
    };
  await recordIntent(ctx, read, ticket);
  const env = {
    ...ctx.deps.env,
    OPSFOLD_EXECUTION_MODE: mode,
    OPSFOLD_RUN_ID: ctx.runId,
    OPSFOLD_ASOF: ctx.at,
    OPSFOLD_ROOT: ctx.paths.root,
    OPSFOLD_REQUEST_ID: ticket.request_id,
    OPSFOLD_WINDOW_ID: verdict.windowId ?? '',
    OPSFOLD_CYCLE_PID: String(ctx.deps.pid),
  };
  const spec = {
    cmd,
    cwd: ctx.paths.root,
    env,
    stdin: `${JSON.stringify(ticket)}\n`,
    timeoutMs: ctx.opts.workerTimeoutMs,
  };
  const w = await withHeartbeat(ctx, ticket, read, () => ctx.deps.runWorker(spec));
  const after = await readOn(ctx, read);
  const receipt = appendedReceiptLine(after.read.newReceipts, ticket.request_id);
  const failure = failureOf(
    w,
    statusOf(after.read.logs.results, ticket.request_id),
    ctx.opts.workerTimeoutMs,
  );
  if (failure !== null && w.outputTail !== '')
    ctx.deps.log(`worker output (tail):\n${w.outputTail.trimEnd()}`);
  const step: TicketStep = {
    ...base,
    decision: failure === null ? 'PROCESSED' : 'SKIPPED',
    reason: failure === null ? 'TICKET_PROCESSED_OK' : 'TICKET_PROCESS_FAILED',
    receipt_ref: receipt === null ? null : receiptRef(receipt.line),
    reason_detail: failure,
    execution_mode: mode,
    worker: { exit_code: w.exitCode, signal: w.signal, timed_out: w.timedOut },
  };
  return { step, ...after };
};

/** The selected ticket's step: blocked by a gate, or run by the worker. */
export const processTicket = async (ctx: CycleCtx, turn: Turn): Promise<TicketOutcome> => {
  const verdict = await verdictFor(ctx, turn.safety, turn.ticket);
  if (verdict.runAs === null) return block(ctx, turn, verdict);
  return runWorker(ctx, turn.read, turn.ticket, verdict);
};
