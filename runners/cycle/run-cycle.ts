// One bounded ops cycle (seed 000 §4), at most one ticket:
//   1 emergency stop → STOPPED, no lock, no worker      5 safety gates, then the worker (one step)
//   2 lock state/ops_runner.lock → LOCK_CONFLICT_409      6 receipt_ref and counters after processing
//   3 regenerate the daily ops report (atomically)        7 the snapshot (never overwritten), then the
//   4 select the oldest OPEN ticket → NO_OPEN_TICKETS       lock released, on every path
// A failure of the cycle itself ends FAILED with the error recorded, still with a snapshot.
import { promises as fsp } from 'node:fs';
import type { OpsCycleRunV2, TicketStep } from '../../lib/cycle/codecs-snapshot.js';
import type { InterruptedCycle } from '../../lib/cycle/codecs-snapshot.js';
import { decodeTicketReceipt } from '../../lib/cycle/codecs-tickets.js';
import { lockContent } from '../../lib/cycle/lock-rules.js';
import type { CycleError } from '../../lib/cycle/reasons.js';
import { buildDailyReport, dayReceiptsProjection } from '../../lib/cycle/report.js';
import { countTickets, selectOldestOpen } from '../../lib/cycle/selection.js';
import { buildSnapshot, OPS_REPORT_REF, untakenStep } from '../../lib/cycle/snapshot.js';
import { dayInZone, fileStampInZone } from '../../lib/cycle/zone.js';
import { stableJson } from '../../lib/core/stable-json.js';
import { writeJsonAtomic } from '../../lib/io/atomic.js';
import { CliError } from '../cli/errors.js';
import {
  elapsedAt,
  makeCtx,
  readSafety,
  type CycleCtx,
  type CycleDeps,
  type CycleOptions,
  type SafetyRead,
} from './context.js';
import { badLineText, foldLog } from './fold-log.js';
import { recoverInterrupted, staleNote } from './interrupted.js';
import { acquireLock, ownsLock, releaseLock } from './lock-file.js';
import { SHOWN } from './paths.js';
import { writeNewSnapshot } from './snapshot-file.js';
import { processTicket } from './ticket-step.js';
import { readTicketLogs, type LogsRead } from './ticket-logs.js';

export interface CycleResult {
  readonly snapshot: OpsCycleRunV2;
  readonly file: string;
}

interface Outcome {
  readonly step: TicketStep;
  readonly read: LogsRead;
  readonly opsReportRef: string;
  readonly error: CycleError | null;
  readonly interrupted: InterruptedCycle | null;
}

const logProblems = (ctx: CycleCtx, read: LogsRead): CycleError | null => {
  for (const b of read.bad) ctx.warnings.push({ code: 'LOG_CORRUPT', detail: badLineText(b) });
  for (const u of read.unreadable) ctx.warnings.push({ code: 'LOG_UNREADABLE', detail: u });
  if (read.unreadable.length > 0) return { code: 'LOG_UNREADABLE', message: read.unreadable.join('; ') };
  const first = read.bad[0];
  return first === undefined ? null : { code: 'LOG_CORRUPT', message: badLineText(first) };
};

const writeReport = async (ctx: CycleCtx, read: LogsRead): Promise<CycleError | null> => {
  const period = dayInZone(ctx.opts.asOfMs, ctx.opts.zone);
  const spec = {
    file: ctx.paths.receipts,
    shown: SHOWN.receipts,
    projection: dayReceiptsProjection(period, ctx.opts.zone),
    decode: decodeTicketReceipt,
  };
  const day = await foldLog(spec);
  try {
    await writeJsonAtomic(ctx.paths.report, buildDailyReport(ctx.at, period, read.logs.results, day.state));
    return null;
  } catch (err) {
    return { code: 'REPORT_WRITE_FAILED', message: (err as Error).message };
  }
};

const failed = (read: LogsRead, error: CycleError, opsReportRef = ''): Outcome => ({
  step: untakenStep('SKIPPED', 'TICKET_PROCESS_FAILED', error.message),
  read,
  opsReportRef,
  error,
  interrupted: null,
});

/** Steps 3–6 under the lock. */
const underLock = async (
  ctx: CycleCtx,
  safety: SafetyRead,
  first: LogsRead,
  replaced: Parameters<typeof recoverInterrupted>[2],
): Promise<Outcome> => {
  if (replaced !== null) ctx.warnings.push({ code: 'LOCK_STALE_REPLACED', detail: staleNote(replaced) });
  const problem = logProblems(ctx, first);
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

const finish = async (
  ctx: CycleCtx,
  safety: SafetyRead,
  o: Outcome,
  holding: boolean,
): Promise<CycleResult> => {
  if (holding && !(await ownsLock(ctx.paths.lock, ctx.runId)))
    ctx.warnings.push({
      code: 'LOCK_LOST',
      detail: `${SHOWN.lock} no longer names run ${ctx.runId}; left alone`,
    });
  const snapshot = buildSnapshot({
    runId: ctx.runId,
    asof: ctx.at,
    startedAt: ctx.at,
    finishedAt: elapsedAt(ctx),
    tz: ctx.opts.zone,
    stopped: safety.stop,
    opsReportRef: o.opsReportRef,
    step: o.step,
    safety: safety.snapshot,
    counts: countTickets(o.read.logs),
    warnings: ctx.warnings,
    error: o.error,
    interrupted: o.interrupted,
  });
  const stamp = fileStampInZone(ctx.opts.asOfMs, ctx.opts.zone);
  const file = await writeNewSnapshot(ctx.paths.snapshots, stamp, stableJson(snapshot));
  return { snapshot, file };
};

const early = (step: TicketStep, read: LogsRead): Outcome => ({
  step,
  read,
  opsReportRef: '',
  error: null,
  interrupted: null,
});

const heldDetail = (lock: { run_id: string } | null, ageMs: number | null): string =>
  `${SHOWN.lock} held by run ${lock?.run_id ?? '(unreadable)'}` +
  (ageMs === null ? '' : ` since ${Math.floor(ageMs / 1000)} s before asOf`);

/** Runs one ops cycle and writes its snapshot. Throws (CliError) only when no snapshot can be written. */
export const runCycle = async (opts: CycleOptions, deps: CycleDeps): Promise<CycleResult> => {
  const isDir = (await fsp.stat(opts.root).catch(() => null))?.isDirectory() === true;
  if (!isDir)
    throw new CliError(`root not found: ${opts.root}`, ['--root must be the directory holding state/']);
  const ctx = makeCtx(opts, deps);
  const safety = await readSafety(ctx);
  const read = await readTicketLogs(ctx.paths, opts.zone);
  if (safety.stop) {
    logProblems(ctx, read);
    return finish(ctx, safety, early(untakenStep('SKIPPED', 'EMERGENCY_STOP_ACTIVE'), read), false);
  }
  const lock = await acquireLock(
    ctx.paths.lock,
    lockContent(ctx.runId, ctx.at, { pid: deps.pid, host: deps.host }),
    {
      asOfMs: opts.asOfMs,
      zone: opts.zone,
    },
  );
  if (lock.kind === 'held') {
    logProblems(ctx, read);
    const step = untakenStep('SKIPPED', 'LOCK_CONFLICT_409', heldDetail(lock.lock, lock.ageMs));
    return finish(ctx, safety, early(step, read), false);
  }
  try {
    let outcome: Outcome;
    try {
      outcome = await underLock(ctx, safety, read, lock.replaced);
    } catch (err) {
      outcome = failed(read, { code: 'UNEXPECTED', message: (err as Error).message ?? String(err) });
    }
    return await finish(ctx, safety, outcome, true);
  } finally {
    await releaseLock(ctx.paths.lock, ctx.runId).catch(() => undefined);
  }
};
