// The body of a dispatch pass, inside the lock: resume at the reference's line cursor, retry the rows
// the ledger says still owe a delivery, process new rows (at most --max-escalations), write the state,
// and only then tell the ledger the cursor moved (so it may forget rows before it: a crash before the
// state write re-reads those rows and must still find their deliveries).
import { cursorEvent, noSavedCursor, SavedDispatchCursor, type SavedCursor } from './dispatch-cursor.js';
import { dispatchState, noRetries, type DispatchStateDoc } from './dispatch-state.js';
import { pendingRows } from './ledger.js';
import { noCounts } from './outcome.js';
import { DispatchError } from './dispatch-error.js';
import type { RowCtx } from './dispatch-row.js';
import { consumeNew } from './dispatch-new.js';
import { retryPending } from './dispatch-retry.js';
import type { AlertEdge } from './dispatch-edge.js';
import type { AlertPaths } from './dispatch-paths.js';
import { resumeAt } from './escalation-resume.js';
import { ledgerAppend } from './row-record.js';

export interface PassResult {
  readonly state: DispatchStateDoc;
  readonly notes: readonly string[];
}

const baseOf = (ctx: RowCtx, p: AlertPaths) => ({
  loopId: p.loopId,
  traceId: ctx.traceId,
  escalationsFile: p.escalations.shown,
  telemetryFile: p.telemetry.shown,
  ledgerFile: p.ledger,
});

const noSource = (ctx: RowCtx, p: AlertPaths, saved: SavedCursor): DispatchStateDoc =>
  dispatchState({
    ...baseOf(ctx, p),
    updatedAt: ctx.iso(),
    noSource: true,
    counts: noCounts,
    retry: noRetries,
    recovered: 0,
    lineOffset: saved.lines,
    lineCount: saved.lines,
    byteOffset: saved.byteOffset,
    fingerprint: saved.fingerprint,
  });

const sourced = async (
  ctx: RowCtx,
  p: AlertPaths,
  run: { saved: SavedCursor; size: number; max: number },
  notes: string[],
): Promise<DispatchStateDoc> => {
  const file = p.escalations.abs;
  const start = await resumeAt(ctx.lines, file, run.saved, run.size);
  if ('ahead' in start)
    throw new DispatchError(
      `dispatch state offset is ahead of escalation file: ${run.saved.lines} > ${start.ahead}`,
      [
        `${p.escalations.shown} was truncated or replaced; remove ${p.state.shown} to dispatch it from its first line`,
      ],
    );
  if (start.note !== null) notes.push(start.note);
  const retried = await retryPending(ctx, file, start.cursor.lines, notes);
  const fresh = await consumeNew(ctx, file, { ...start, size: run.size }, run.max);
  return dispatchState({
    ...baseOf(ctx, p),
    updatedAt: ctx.iso(),
    noSource: false,
    counts: fresh.counts,
    retry: { ...retried, pending: pendingRows(ctx.ledger()).length },
    recovered: fresh.recovered,
    lineOffset: fresh.cursor.lines,
    lineCount: await ctx.lines.countFrom(file, fresh.cursor, run.size),
    byteOffset: fresh.cursor.byteOffset,
    fingerprint: await ctx.lines.fingerprint(file, fresh.cursor, fresh.lastLine),
  });
};

/** Runs the pass and writes alert-dispatch-state.json; the caller holds the state file's lock. */
export const consume = async (
  ctx: RowCtx,
  p: AlertPaths,
  edge: AlertEdge,
  max: number,
): Promise<PassResult> => {
  const notes: string[] = [];
  const saved =
    (await edge.read(p.state, SavedDispatchCursor, `invalid dispatch state JSON: ${p.state.shown}`)) ??
    noSavedCursor;
  await edge.confined(p.escalations);
  const size = await ctx.lines.size(p.escalations.abs);
  const state = size === null ? noSource(ctx, p, saved) : await sourced(ctx, p, { saved, size, max }, notes);
  // The state document is the pass's cursor, applied last; the ledger's cursor record reports it, so it
  // is a batch of its own after it (applyEffects would put an append before a cursor).
  await ctx.apply([{ kind: 'cursor', path: p.state.abs, value: state }]);
  if (size !== null) {
    const moved = cursorEvent(state.escalationsLineOffset, state.escalationsByteOffset, ctx.iso());
    await ctx.apply([ledgerAppend(ctx.files, [moved])]);
  }
  return { state, notes };
};
