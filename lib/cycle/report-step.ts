// Step 3: the daily ops report, regenerated from the day's receipts and the results, written atomically.
import type { CycleError } from './reasons.js';
import { decodeTicketReceipt } from './codecs-tickets.js';
import { buildDailyReport, dayReceiptsProjection } from './report.js';
import { dayInZone } from './zone.js';
import type { CycleCtx } from './context.js';
import { SHOWN } from './layout.js';
import type { LogsRead } from './ticket-logs.js';

/** Writes the report; the error that fails the cycle when it cannot be written. */
export const writeReport = async (ctx: CycleCtx, read: LogsRead): Promise<CycleError | null> => {
  const period = dayInZone(ctx.opts.asOfMs, ctx.opts.zone);
  const spec = {
    shown: SHOWN.receipts,
    projection: dayReceiptsProjection(period, ctx.opts.zone),
    decode: decodeTicketReceipt,
  };
  const day = await ctx.ports.fold(spec);
  try {
    await ctx.ports.store.write(SHOWN.report, buildDailyReport(ctx.at, period, read.logs.results, day.state));
    return null;
  } catch (err) {
    return { code: 'REPORT_WRITE_FAILED', message: (err as Error).message };
  }
};
