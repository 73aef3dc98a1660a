// The second phase of a pass: the complete new rows from the cursor, at most --max-escalations of them
// (blank ones included). A row a crashed run already finished is reported from the ledger, not redone.
import { finishedRow, recordedRow } from './ledger.js';
import { countRow, noCounts, type RunCounts } from './outcome.js';
import type { Cursor } from '../core/position.js';
import type { LastLine } from '../io/checkpoints.js';
import { processRow, type RowCtx } from './dispatch-row.js';

export interface NewRows {
  readonly counts: RunCounts;
  readonly recovered: number;
  readonly cursor: Cursor;
  readonly lastLine: LastLine | null;
}

/** Processes the complete new rows after `start.cursor` (up to the size seen when the run began). */
export const consumeNew = async (
  ctx: RowCtx,
  file: string,
  start: { cursor: Cursor; lastLine: LastLine | null; size: number },
  max: number,
): Promise<NewRows> => {
  let acc: NewRows = { counts: noCounts, recovered: 0, cursor: start.cursor, lastLine: start.lastLine };
  for await (const row of ctx.lines.read(file, start.cursor, start.size)) {
    if (max > 0 && acc.counts.processed >= max) break;
    const done = finishedRow(ctx.ledger(), row.line, row.sha256);
    const r =
      done === null
        ? await processRow(ctx, row, recordedRow(ctx.ledger(), row.line, row.sha256))
        : { kind: done.kind, codes: done.failureCodes };
    acc = {
      counts: countRow(acc.counts, r.kind, r.codes),
      recovered: acc.recovered + (done === null ? 0 : 1),
      cursor: { byteOffset: row.end, lines: row.line },
      lastLine: { byteOffset: row.byteOffset, end: row.end },
    };
  }
  return acc;
};
