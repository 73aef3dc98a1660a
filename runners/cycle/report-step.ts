// Step 3: the daily ops report, regenerated from the day's receipts and the results, written atomically.
import type { CycleError } from '../../lib/cycle/reasons.js';
import { decodeTicketReceipt } from '../../lib/cycle/codecs-tickets.js';
import { buildDailyReport, dayReceiptsProjection } from '../../lib/cycle/report.js';
import { dayInZone } from '../../lib/cycle/zone.js';
import type { CycleCtx } from './context.js';
import { foldLog } from './fold-log.js';
import { SHOWN } from './paths.js';
import type { LogsRead } from './ticket-logs.js';

/** Writes the report; the error that fails the cycle when it cannot be written. */
export const writeReport = async (ctx: CycleCtx, read: LogsRead): Promise<CycleError | null> => {
  const period = dayInZone(ctx.opts.asOfMs, ctx.opts.zone);
  const spec = {
    root: ctx.paths.root,
    file: ctx.paths.receipts,
    shown: SHOWN.receipts,
    projection: dayReceiptsProjection(period, ctx.opts.zone),
    decode: decodeTicketReceipt,
  };
  const day = await foldLog(spec);
  try {
    await ctx.store.write(SHOWN.report, buildDailyReport(ctx.at, period, read.logs.results, day.state));
    return null;
  } catch (err) {
    return { code: 'REPORT_WRITE_FAILED', message: (err as Error).message };
  }
};
