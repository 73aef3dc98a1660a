// The three ticket logs read together, and read on from where they stopped (after a worker or the cycle
// appended to them), so the counters after processing cost only the appended bytes.
import type { Positioned } from '../../lib/core/projection.js';
import {
  decodeTicketReceipt,
  decodeTicketRequest,
  decodeTicketResult,
  type TicketReceipt,
  type TicketRequest,
  type TicketResult,
} from '../../lib/cycle/codecs-tickets.js';
import { ticketReceiptsProjection, type ReceiptsState } from '../../lib/cycle/receipts.js';
import type { TicketLogs } from '../../lib/cycle/selection.js';
import {
  ticketRequestsProjection,
  ticketResultsProjection,
  type RequestsState,
  type ResultsState,
} from '../../lib/cycle/tickets.js';
import type { BadLine } from '../../lib/cycle/log-problems.js';
import { foldLog, type FoldFrom, type LogSpec } from './fold-log.js';
import { SHOWN, type CyclePaths } from './paths.js';

export interface LogsRead {
  readonly logs: TicketLogs;
  readonly from: {
    readonly requests: FoldFrom<RequestsState>;
    readonly results: FoldFrom<ResultsState>;
    readonly receipts: FoldFrom<ReceiptsState>;
  };
  /** Receipt lines read by the last call (those appended since the previous read, on a re-read). */
  readonly newReceipts: readonly Positioned<TicketReceipt>[];
  readonly bad: readonly BadLine[];
  readonly unreadable: readonly string[];
}

const specs = (p: CyclePaths, zone: string) => ({
  requests: {
    root: p.root,
    file: p.requests,
    shown: SHOWN.requests,
    projection: ticketRequestsProjection,
    decode: decodeTicketRequest,
  } satisfies LogSpec<RequestsState, TicketRequest>,
  results: {
    root: p.root,
    file: p.results,
    shown: SHOWN.results,
    projection: ticketResultsProjection(zone),
    decode: decodeTicketResult,
  } satisfies LogSpec<ResultsState, TicketResult>,
  receipts: {
    root: p.root,
    file: p.receipts,
    shown: SHOWN.receipts,
    projection: ticketReceiptsProjection(zone),
    decode: decodeTicketReceipt,
  } satisfies LogSpec<ReceiptsState, TicketReceipt>,
});

/** Reads the three logs from the start, or on from `before` (keeping its bad lines). */
export const readTicketLogs = async (p: CyclePaths, zone: string, before?: LogsRead): Promise<LogsRead> => {
  const s = specs(p, zone);
  const [requests, results, receipts] = await Promise.all([
    foldLog(s.requests, before?.from.requests),
    foldLog(s.results, before?.from.results),
    foldLog(s.receipts, before?.from.receipts),
  ]);
  const all = [requests, results, receipts];
  return {
    logs: { requests: requests.state, results: results.state, receipts: receipts.state },
    from: { requests, results, receipts },
    newReceipts: receipts.records,
    bad: [...(before?.bad ?? []), ...all.flatMap((f) => f.bad)],
    unreadable: all.flatMap((f) => (f.unreadable === null ? [] : [f.unreadable])),
  };
};
