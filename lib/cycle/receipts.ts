// Fold of the append-only receipt log (`state/tickets/ticket_receipts.jsonl`), receipts of schema V1, V2
// and V3 alike. `blocked` counts receipt lines whose `decision` is BLOCKED, whatever their request id
// (ids unknown to the request log count too, as in the origin).
//
// Law: fold(all) == foldFrom(fold(prefix), rest) for every split (JSON round trip of the state).
import type { Positioned, Projection } from '../core/projection.js';
import { receiptDecision, receiptTime, type TicketReceipt } from './codecs-tickets.js';
import { dayInZone, parseInZone } from './zone.js';

export interface RequestReceipts {
  readonly count: number;
  readonly lastLine: number;
  readonly lastDecision: string;
}

export interface DayReceipts {
  readonly receipts: number;
  readonly blocked: number;
}

export interface ReceiptsState {
  readonly lines: number;
  /** The physical (1-based) line of the last receipt folded; 0 before any. */
  readonly lastLine: number;
  readonly blocked: number;
  readonly bySchema: Readonly<Record<string, number>>;
  readonly byRequest: Readonly<Record<string, RequestReceipts>>;
  readonly byDay: Readonly<Record<string, DayReceipts>>;
}

/** Pure: the raw `decision` a receipt line carries (V1 has none), the one tickets_blocked counts. */
export const rawDecision = (r: TicketReceipt): string | null =>
  'decision' in r && typeof r.decision === 'string' ? r.decision : null;

/** Folds the receipt log in `zone`: blocked count, receipts per schema, per request and per day. */
export const ticketReceiptsProjection = (zone: string): Projection<ReceiptsState, TicketReceipt> => ({
  name: 'cycle-ticket-receipts',
  version: 1,
  initial: { lines: 0, lastLine: 0, blocked: 0, bySchema: {}, byRequest: {}, byDay: {} },
  evolve: (s, e: Positioned<TicketReceipt>) => {
    const r = e.value;
    const blocked = rawDecision(r) === 'BLOCKED' ? 1 : 0;
    const time = receiptTime(r);
    const ms = time === null ? null : parseInZone(time, zone);
    const day = ms === null ? 'unknown' : dayInZone(ms, zone);
    const prior = Object.hasOwn(s.byRequest, r.request_id) ? s.byRequest[r.request_id] : undefined;
    const dayPrior = s.byDay[day];
    return {
      lines: s.lines + 1,
      lastLine: e.position.line,
      blocked: s.blocked + blocked,
      bySchema: { ...s.bySchema, [r.schema]: (s.bySchema[r.schema] ?? 0) + 1 },
      byRequest: {
        ...s.byRequest,
        [r.request_id]: {
          count: (prior?.count ?? 0) + 1,
          lastLine: e.position.line,
          lastDecision: receiptDecision(r),
        },
      },
      byDay: {
        ...s.byDay,
        [day]: { receipts: (dayPrior?.receipts ?? 0) + 1, blocked: (dayPrior?.blocked ?? 0) + blocked },
      },
    };
  },
});

/** The receipt_ref form of the seed: `state/tickets/ticket_receipts.jsonl:line<N>`. */
export const RECEIPTS_REF_PREFIX = 'state/tickets/ticket_receipts.jsonl:line';

/** Pure: the receipt_ref of a 1-based physical line. */
export const receiptRef = (line: number): string => `${RECEIPTS_REF_PREFIX}${line}`;

/** Pure: the line a receipt_ref points at, or null when it is not one. */
export const lineOfReceiptRef = (ref: string | null | undefined): number | null => {
  if (typeof ref !== 'string' || !ref.startsWith(RECEIPTS_REF_PREFIX)) return null;
  const n = Number(ref.slice(RECEIPTS_REF_PREFIX.length));
  return Number.isSafeInteger(n) && n > 0 ? n : null;
};

/**
 * Pure: the receipt a worker appended for `requestId`: the last of `appended` (records read after the
 * pre-worker cursor) with that id, as its line; null when it appended none for that ticket.
 */
export const appendedReceiptLine = (
  appended: readonly Positioned<TicketReceipt>[],
  requestId: string,
): { line: number; receipt: TicketReceipt } | null => {
  for (let i = appended.length - 1; i >= 0; i -= 1) {
    const a = appended[i];
    if (a !== undefined && a.value.request_id === requestId)
      return { line: a.position.line, receipt: a.value };
  }
  return null;
};
