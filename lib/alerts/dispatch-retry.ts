// The first phase of a pass: retry the rows the ledger says still owe a delivery, at or before the
// cursor (later ones are met again as new rows). A row whose line changed since it failed is given up.
import { addRetry, noRetries, type RetryCounts } from './dispatch-state.js';
import { abandonedRow, pendingRows } from './ledger.js';
import { processRow, type RowCtx } from './dispatch-row.js';
import { ledgerAppend } from './row-record.js';

/** Retries the pending rows at or before line `upTo`; notes name the rows given up. */
export const retryPending = async (
  ctx: RowCtx,
  file: string,
  upTo: number,
  notes: string[],
): Promise<RetryCounts> => {
  let r = noRetries;
  for (const pending of pendingRows(ctx.ledger()).filter((x) => x.line <= upTo)) {
    const row = await ctx.lines.at(file, pending.byteOffset, pending.line);
    if (row === null || row.sha256 !== pending.rowSha256) {
      notes.push(
        `${file}:${pending.line}:${pending.byteOffset}: the row changed since it failed; not retried`,
      );
      await ctx.apply([
        ledgerAppend(ctx.files, [abandonedRow(pending, { at: ctx.iso(), traceId: ctx.traceId })]),
      ]);
      r = { ...r, abandoned: r.abandoned + 1 };
      continue;
    }
    r = addRetry(r, await processRow(ctx, row, pending));
  }
  return r;
};
