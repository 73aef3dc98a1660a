// A stale lock the cycle replaced may be a crash: its run never wrote a snapshot. Then the cycle reports
// it (warning PREVIOUS_CYCLE_INTERRUPTED, `interrupted_cycle` in the snapshot) and makes sure its ticket
// is not run again: a ticket still OPEN gets a FAILED `[INTERRUPTED]` result, and it is excluded from
// this cycle's selection in any case.
import type { InterruptedCycle } from './codecs-snapshot.js';
import type { OpsRunnerLock } from './codecs-safety.js';
import { interruptedCycle, type LockReading } from './lock-rules.js';
import { receiptRef } from './receipts.js';
import { interruptedResult } from './records.js';
import { statusOf } from './tickets.js';
import { fileStampInZone, parseInZone } from './zone.js';
import type { CycleCtx } from './context.js';
import { SHOWN } from './layout.js';
import { readTicketLogs, type LogsRead } from './ticket-logs.js';

export interface Recovery {
  readonly interrupted: InterruptedCycle | null;
  readonly read: LogsRead;
  readonly exclude: ReadonlySet<string>;
}

const DAY_MS = 86_400_000;

const receiptLineAfter = (read: LogsRead, requestId: string, before: number | undefined): number | null => {
  const r = Object.hasOwn(read.logs.receipts.byRequest, requestId)
    ? read.logs.receipts.byRequest[requestId]
    : undefined;
  return r !== undefined && r.lastLine > (before ?? 0) ? r.lastLine : null;
};

/** Retires the interrupted run's ticket when it is still OPEN; the logs as read afterwards. */
const settle = async (ctx: CycleCtx, read: LogsRead, lock: OpsRunnerLock, receiptLine: number | null) => {
  const id = lock.selected_request_id ?? null;
  if (id === null || statusOf(read.logs.results, id) !== 'OPEN') return read;
  const record = interruptedResult({
    requestId: id,
    interruptedRunId: lock.run_id,
    runId: ctx.runId,
    resultId: ctx.ports.uuid(),
    at: ctx.at,
    receiptRef: receiptLine === null ? null : receiptRef(receiptLine),
  });
  await ctx.ports.apply([{ kind: 'append', path: SHOWN.results, records: [record] }]);
  return readTicketLogs(ctx.ports.fold, ctx.opts.zone, read);
};

const wroteSnapshot = (ctx: CycleCtx, lock: OpsRunnerLock): Promise<boolean> => {
  const lockedMs = parseInZone(lock.locked_at, ctx.opts.zone);
  const from = lockedMs === null ? null : fileStampInZone(lockedMs - DAY_MS, ctx.opts.zone);
  return ctx.ports.snapshots.hasRun(lock.run_id, from);
};

/**
 * Reports (and settles) the run of a stale lock that wrote no snapshot; nothing when there is none. The
 * takeover itself (LOCK_STALE_REPLACED) is reported by the caller, whatever happens next.
 */
export const recoverInterrupted = async (
  ctx: CycleCtx,
  read: LogsRead,
  replaced: (LockReading & { kind: 'stale' }) | null,
): Promise<Recovery> => {
  const none: Recovery = { interrupted: null, read, exclude: new Set() };
  if (replaced === null) return none;
  const lock = replaced.lock;
  if (lock === null || (await wroteSnapshot(ctx, lock))) return none;
  const id = lock.selected_request_id ?? null;
  const receiptLine = id === null ? null : receiptLineAfter(read, id, lock.receipts_lines_before);
  const after = await settle(ctx, read, lock, receiptLine);
  const status = id === null ? null : statusOf(after.logs.results, id);
  const interrupted = interruptedCycle(
    { lock, receiptLine, status, resultRecorded: after !== read },
    receiptRef,
  );
  ctx.warnings.push({
    code: 'PREVIOUS_CYCLE_INTERRUPTED',
    detail:
      `run ${lock.run_id} (locked_at ${lock.locked_at}) wrote no snapshot; ` +
      `ticket ${id ?? 'none'}, receipt ${interrupted.receipt_ref ?? 'none'}, status ${status ?? 'n/a'}; not repeated`,
  });
  return { interrupted, read: after, exclude: new Set(id === null ? [] : [id]) };
};
