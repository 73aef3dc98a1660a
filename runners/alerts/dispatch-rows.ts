// The rows of one dispatch pass: first the rows the ledger says still owe a delivery (at or before the
// cursor; later ones are met again as new rows), then the new rows from the cursor, at most
// --max-escalations of them. A new row a crashed run already finished is reported from the ledger.
import { pendingRows, recordedRow } from '../../lib/alerts/ledger.js';
import { countRow, noCounts, type RunCounts } from '../../lib/alerts/outcome.js';
import { addRetry, noRetries, type RetryCounts } from '../../lib/alerts/dispatch-state.js';
import type { RowLine } from '../../lib/alerts/row-step.js';
import type { Cursor } from '../../lib/core/position.js';
import type { LastLine } from '../../lib/io/checkpoints.js';
import { processRow, type RowCtx } from './dispatch-row.js';
import { readRowAt, readRows } from './escalation-file.js';

/** Retries the pending rows at or before line `upTo`; a row that changed since is abandoned. */
export const retryPending = async (
  ctx: RowCtx,
  file: string,
  upTo: number,
  notes: string[],
): Promise<RetryCounts> => {
  let r = noRetries;
  for (const pending of pendingRows(ctx.ledger()).filter((x) => x.line <= upTo)) {
    const row = await readRowAt(file, pending.byteOffset, pending.line);
    if (row === null || row.sha256 !== pending.rowSha256) {
      notes.push(
        `${file}:${pending.line}:${pending.byteOffset}: the row changed since it failed; not retried`,
      );
      await ctx.record([
        { type: 'row', ...pending, pending: false, abandoned: true, at: ctx.iso(), traceId: ctx.traceId },
      ]);
      r = { ...r, abandoned: r.abandoned + 1 };
      continue;
    }
    r = addRetry(r, await processRow(ctx, row, pending));
  }
  return r;
};

export interface NewRows {
  readonly counts: RunCounts;
  readonly recovered: number;
  readonly cursor: Cursor;
  readonly lastLine: LastLine | null;
}

const step = async (ctx: RowCtx, row: RowLine) => {
  const seen = recordedRow(ctx.ledger(), row.line, row.sha256);
  if (seen !== null && !(seen.pending && !seen.abandoned))
    return { kind: seen.kind, codes: seen.failureCodes, done: true };
  const report = await processRow(ctx, row, seen);
  return { kind: report.kind, codes: report.codes, done: false };
};

/** Processes the complete new rows after `start.cursor` (up to the size seen when the run began). */
export const consumeNew = async (
  ctx: RowCtx,
  file: string,
  start: { cursor: Cursor; lastLine: LastLine | null; size: number },
  max: number,
): Promise<NewRows> => {
  let acc: NewRows = { counts: noCounts, recovered: 0, cursor: start.cursor, lastLine: start.lastLine };
  for await (const row of readRows(file, start.cursor, start.size)) {
    if (max > 0 && acc.counts.processed >= max) break;
    const r = await step(ctx, row);
    acc = {
      counts: countRow(acc.counts, r.kind, r.codes),
      recovered: acc.recovered + (r.done ? 1 : 0),
      cursor: { byteOffset: row.end, lines: row.line },
      lastLine: { byteOffset: row.byteOffset, end: row.end },
    };
  }
  return acc;
};
