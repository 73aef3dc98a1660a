// What the selected ticket's turn does to the files around the worker: the crash-recovery intent in the
// lock before the first append to a ticket log (so a crash from there on is recognised by the next
// cycle), and the re-read of what was appended since.
import type { TicketStep } from '../../lib/cycle/codecs-snapshot.js';
import type { TicketRequest } from '../../lib/cycle/codecs-tickets.js';
import { lockContent } from '../../lib/cycle/lock-rules.js';
import { appendedProblem } from '../../lib/cycle/log-problems.js';
import type { CycleError } from '../../lib/cycle/reasons.js';
import { elapsedAt, type CycleCtx } from './context.js';
import type { SafetyRead } from './safety-read.js';
import { updateLock } from './lock-file.js';
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
export const readOn = async (
  ctx: CycleCtx,
  read: LogsRead,
): Promise<{ read: LogsRead; error: CycleError | null }> => {
  const after = await readTicketLogs(ctx.paths, ctx.opts.zone, read);
  return { read: after, error: appendedProblem(after.bad.slice(read.bad.length), after.unreadable) };
};
