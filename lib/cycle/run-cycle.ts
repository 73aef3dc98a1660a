// One bounded ops cycle (seed 000 §4), at most one ticket:
//   1 emergency stop → STOPPED, no lock, no worker      5 safety gates, then the worker (one step)
//   2 lock state/ops_runner.lock → LOCK_CONFLICT_409      6 receipt_ref and counters after processing
//   3 regenerate the daily ops report (atomically)        7 the snapshot (never overwritten), then the
//   4 select the oldest OPEN ticket → NO_OPEN_TICKETS       lock released, on every path
// A failure of the cycle itself ends FAILED with the error recorded, still with a snapshot. Every effect
// goes through the ports (ports.ts), so a test runs a whole cycle in memory.
import type { OpsCycleRunV2, TicketStep } from './codecs-snapshot.js';
import { heldDetail, lockContent } from './lock-rules.js';
import { countTickets } from './selection.js';
import { buildSnapshot, untakenStep } from './snapshot.js';
import { fileStampInZone } from './zone.js';
import { stableJson } from '../core/stable-json.js';
import { elapsedAt, makeCtx, type CycleCtx, type CycleOptions } from './context.js';
import { SHOWN } from './layout.js';
import type { CyclePorts } from './ports.js';
import { readSafety, type SafetyRead } from './safety-read.js';
import { readTicketLogs, type LogsRead } from './ticket-logs.js';
import { checkLogs, failed, underLock, type Outcome } from './under-lock.js';

export interface CycleResult {
  readonly snapshot: OpsCycleRunV2;
  /** The snapshot file written (as the snapshot port names it). */
  readonly file: string;
}

const finish = async (
  ctx: CycleCtx,
  safety: SafetyRead,
  o: Outcome,
  holding: boolean,
): Promise<CycleResult> => {
  if (holding && !(await ctx.ports.lock.owns(ctx.runId)))
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
  const file = await ctx.ports.snapshots.writeNew(stamp, stableJson(snapshot));
  return { snapshot, file };
};

const early = (step: TicketStep, read: LogsRead): Outcome => ({
  step,
  read,
  opsReportRef: '',
  error: null,
  interrupted: null,
});

/** Runs one ops cycle and writes its snapshot. Throws only when no snapshot can be written. */
export const runOpsCycle = async (ports: CyclePorts, opts: CycleOptions): Promise<CycleResult> => {
  const ctx = makeCtx(opts, ports);
  const safety = await readSafety(ctx);
  const read = await readTicketLogs(ports.fold, opts.zone);
  if (safety.stop) {
    checkLogs(ctx, read);
    return finish(ctx, safety, early(untakenStep('SKIPPED', 'EMERGENCY_STOP_ACTIVE'), read), false);
  }
  const lock = await ports.lock.acquire(
    lockContent(ctx.runId, ctx.at, { pid: ports.pid, host: ports.host }),
    {
      asOfMs: opts.asOfMs,
      zone: opts.zone,
    },
  );
  if (lock.kind === 'held') {
    checkLogs(ctx, read);
    const step = untakenStep('SKIPPED', 'LOCK_CONFLICT_409', heldDetail(SHOWN.lock, lock.lock, lock.ageMs));
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
    await ports.lock.release(ctx.runId).catch(() => undefined);
  }
};
