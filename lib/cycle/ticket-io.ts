// What the selected ticket's turn does to the files around the worker: the crash-recovery intent in the
// lock before the first append to a ticket log (so a crash from there on is recognised by the next
// cycle), and the re-read of what was appended since.
import type { TicketStep } from './codecs-snapshot.js';
import type { TicketRequest } from './codecs-tickets.js';
import { lockContent } from './lock-rules.js';
import { appendedProblem } from './log-problems.js';
import type { CycleError } from './reasons.js';
import { elapsedAt, type CycleCtx } from './context.js';
import type { SafetyRead } from './safety-read.js';
import { readTicketLogs, type LogsRead } from './ticket-logs.js';

export interface Turn {
  readonly safety: SafetyRead;
  readonly read: LogsRead;
  readonly ticket: TicketRequest;
}

export interface TicketOutcome {
  readonly step: TicketStep;
  readonly read: LogsRead;
  readonly error: CycleError | null;
}

/** Writes the crash-recovery intent into the lock before the first append to a ticket log. */
export const recordIntent = (ctx: CycleCtx, read: LogsRead, ticket: TicketRequest): Promise<boolean> =>
  ctx.ports.lock.update(
    lockContent(ctx.runId, elapsedAt(ctx), {
      pid: ctx.ports.pid,
      host: ctx.ports.host,
      selected_request_id: ticket.request_id,
      receipts_lines_before: read.from.receipts.cursor.lines,
      results_lines_before: read.from.results.cursor.lines,
    }),
  );

/** Reads what was appended since `read`; a bad appended line fails the cycle. */
export const readOn = async (
  ctx: CycleCtx,
  read: LogsRead,
): Promise<{ read: LogsRead; error: CycleError | null }> => {
  const after = await readTicketLogs(ctx.ports.fold, ctx.opts.zone, read);
  return { read: after, error: appendedProblem(after.bad.slice(read.bad.length), after.unreadable) };
};
