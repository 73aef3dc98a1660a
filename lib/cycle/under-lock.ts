// Steps 3–6 of a cycle, run while it holds the lock: the ticket logs checked (a bad line fails closed),
// a crashed previous cycle recovered, the daily report regenerated, the oldest OPEN ticket selected and
// taken through the gates and the worker.
import type { InterruptedCycle, TicketStep } from './codecs-snapshot.js';
import { staleNote, type LockReading } from './lock-rules.js';
import { logProblems } from './log-problems.js';
import type { CycleError } from './reasons.js';
import { selectOldestOpen } from './selection.js';
import { OPS_REPORT_REF, untakenStep } from './snapshot.js';
import type { CycleCtx } from './context.js';
import type { SafetyRead } from './safety-read.js';
import { recoverInterrupted } from './interrupted.js';
import { writeReport } from './report-step.js';
import { processTicket } from './ticket-step.js';
import type { LogsRead } from './ticket-logs.js';

export interface Outcome {
  readonly step: TicketStep;
  readonly read: LogsRead;
  readonly opsReportRef: string;
  readonly error: CycleError | null;
  readonly interrupted: InterruptedCycle | null;
}

/** Adds the logs' warnings to ctx; the error they fail the cycle with, if any. */
export const checkLogs = (ctx: CycleCtx, read: LogsRead): CycleError | null => {
  const problems = logProblems(read.bad, read.unreadable);
  ctx.warnings.push(...problems.warnings);
  return problems.error;
};

export const failed = (read: LogsRead, error: CycleError, opsReportRef = ''): Outcome => ({
  step: untakenStep('SKIPPED', 'TICKET_PROCESS_FAILED', error.message),
  read,
  opsReportRef,
  error,
  interrupted: null,
});

/** Steps 3–6 under the lock. */
export const underLock = async (
  ctx: CycleCtx,
  safety: SafetyRead,
  first: LogsRead,
  replaced: (LockReading & { kind: 'stale' }) | null,
): Promise<Outcome> => {
  if (replaced !== null) ctx.warnings.push({ code: 'LOCK_STALE_REPLACED', detail: staleNote(replaced) });
  const problem = checkLogs(ctx, first);
  if (problem !== null) return failed(first, problem);
  const recovery = await recoverInterrupted(ctx, first, replaced);
  const base = { interrupted: recovery.interrupted, opsReportRef: OPS_REPORT_REF };
  const reportError = await writeReport(ctx, recovery.read);
  if (reportError !== null)
    return { ...failed(recovery.read, reportError), interrupted: recovery.interrupted };
  const selection = selectOldestOpen(recovery.read.logs, ctx.opts.zone, recovery.exclude);
  for (const id of selection.withReceipt)
    ctx.warnings.push({
      code: 'RECEIPT_WITHOUT_RESULT',
      detail: `ticket ${id} is OPEN but has a receipt; not run again`,
    });
  if (selection.ticket === null)
    return { ...base, step: untakenStep('NONE', 'NO_OPEN_TICKETS'), read: recovery.read, error: null };
  const done = await processTicket(ctx, { safety, read: recovery.read, ticket: selection.ticket });
  return { ...base, ...done };
};
