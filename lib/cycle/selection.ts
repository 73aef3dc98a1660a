// Which ticket a cycle takes (step 4) and the counters its snapshot reports (step 6), from the folded
// logs. Pure.
//
// Selection law: the selected ticket is OPEN, has no receipt, is not excluded, and no other such ticket
// has a smaller requested_at (then request_id); readable times come before unreadable ones.
import type { Counters } from './codecs-snapshot.js';
import type { TicketRequest } from './codecs-tickets.js';
import type { ReceiptsState } from './receipts.js';
import { statusOf, type RequestsState, type ResultsState } from './tickets.js';
import { parseInZone } from './zone.js';

export interface TicketLogs {
  readonly requests: RequestsState;
  readonly results: ResultsState;
  readonly receipts: ReceiptsState;
}

/** Pure: the snapshot counters before `skips_this_run` (which only the cycle's decision knows). */
export const countTickets = (logs: TicketLogs): Omit<Counters, 'skips_this_run'> => {
  const c = { tickets_open: 0, tickets_in_progress: 0, tickets_done: 0, tickets_failed: 0 };
  for (const id of Object.keys(logs.requests.byId)) {
    const status = statusOf(logs.results, id);
    if (status === 'OPEN') c.tickets_open += 1;
    else if (status === 'IN_PROGRESS') c.tickets_in_progress += 1;
    else if (status === 'DONE') c.tickets_done += 1;
    else if (status === 'FAILED') c.tickets_failed += 1;
  }
  return { ...c, tickets_blocked: logs.receipts.blocked };
};

export interface Selection {
  readonly ticket: TicketRequest | null;
  /** OPEN tickets passed over because a receipt already exists for them (never repeated). */
  readonly withReceipt: readonly string[];
}

interface Candidate {
  readonly record: TicketRequest;
  readonly ms: number | null;
}

const older = (a: Candidate, b: Candidate): number => {
  if (a.ms !== b.ms) {
    if (a.ms === null) return 1;
    if (b.ms === null) return -1;
    return a.ms - b.ms;
  }
  const [x, y] = [a.record.request_id, b.record.request_id];
  return x < y ? -1 : x > y ? 1 : 0;
};

/** Pure: the oldest OPEN ticket without a receipt, outside `exclude`; requested_at naive times in `zone`. */
export const selectOldestOpen = (logs: TicketLogs, zone: string, exclude: ReadonlySet<string>): Selection => {
  const candidates: Candidate[] = [];
  const withReceipt: string[] = [];
  for (const [id, entry] of Object.entries(logs.requests.byId)) {
    if (exclude.has(id) || statusOf(logs.results, id) !== 'OPEN') continue;
    if (Object.hasOwn(logs.receipts.byRequest, id)) withReceipt.push(id);
    else candidates.push({ record: entry.record, ms: parseInZone(entry.record.requested_at, zone) });
  }
  candidates.sort(older);
  return { ticket: candidates[0]?.record ?? null, withReceipt: withReceipt.sort() };
};
