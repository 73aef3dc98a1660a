// The three ticket logs read together, and read on from where they stopped (after a worker or the cycle
// appended to them), so the counters after processing cost only the appended bytes.
import type { Positioned } from '../core/projection.js';
import {
  decodeTicketReceipt,
  decodeTicketRequest,
  decodeTicketResult,
  type TicketReceipt,
  type TicketRequest,
  type TicketResult,
} from './codecs-tickets.js';
import { ticketReceiptsProjection, type ReceiptsState } from './receipts.js';
import type { TicketLogs } from './selection.js';
import {
  ticketRequestsProjection,
  ticketResultsProjection,
  type RequestsState,
  type ResultsState,
} from './tickets.js';
import type { BadLine } from './log-problems.js';
import { SHOWN } from './layout.js';
import type { FoldFrom, FoldLog, LogSpec } from './ports.js';

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

const specs = (zone: string) => ({
  requests: {
    shown: SHOWN.requests,
    projection: ticketRequestsProjection,
    decode: decodeTicketRequest,
  } satisfies LogSpec<RequestsState, TicketRequest>,
  results: {
    shown: SHOWN.results,
    projection: ticketResultsProjection(zone),
    decode: decodeTicketResult,
  } satisfies LogSpec<ResultsState, TicketResult>,
  receipts: {
    shown: SHOWN.receipts,
    projection: ticketReceiptsProjection(zone),
    decode: decodeTicketReceipt,
  } satisfies LogSpec<ReceiptsState, TicketReceipt>,
});

/** Reads the three logs from the start, or on from `before` (keeping its bad lines). */
export const readTicketLogs = async (fold: FoldLog, zone: string, before?: LogsRead): Promise<LogsRead> => {
  const s = specs(zone);
  const [requests, results, receipts] = await Promise.all([
    fold(s.requests, before?.from.requests),
    fold(s.results, before?.from.results),
    fold(s.receipts, before?.from.receipts),
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
