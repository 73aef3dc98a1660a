// Folds of the ticket request and result logs. A ticket's status is the status of its result with the
// greatest `processed_at` (results may be out of file order), OPEN when it has none; equal times go to
// the later line (the log's own order), an unreadable time loses to any readable one.
//
// Law (both projections): fold(all) == foldFrom(fold(prefix), rest) for every split, through a JSON
// round trip of the state; the state is plain JSON data.
import type { Positioned, Projection } from '../core/projection.js';
import type { TicketRequest, TicketResult } from './codecs-tickets.js';
import { dayInZone, parseInZone } from './zone.js';

export interface RequestEntry {
  readonly record: TicketRequest;
  readonly line: number;
}

export interface RequestsState {
  readonly lines: number;
  /** Lines whose request_id was already seen; the first line of an id is the ticket. */
  readonly duplicates: number;
  readonly byId: Readonly<Record<string, RequestEntry>>;
}

/** Folds `ticket_requests.jsonl`: every ticket by id, as first written. */
export const ticketRequestsProjection: Projection<RequestsState, TicketRequest> = {
  name: 'cycle-ticket-requests',
  version: 1,
  initial: { lines: 0, duplicates: 0, byId: {} },
  evolve: (s, e: Positioned<TicketRequest>) => {
    const id = e.value.request_id;
    if (Object.hasOwn(s.byId, id)) return { ...s, lines: s.lines + 1, duplicates: s.duplicates + 1 };
    return {
      lines: s.lines + 1,
      duplicates: s.duplicates,
      byId: { ...s.byId, [id]: { record: e.value, line: e.position.line } },
    };
  },
};

export interface LatestResult {
  readonly status: string;
  readonly processed_at: string;
  /** Epoch ms of processed_at (naive times read in the projection's zone), null when unreadable. */
  readonly ms: number | null;
  readonly line: number;
}

export interface DayResults {
  readonly total: number;
  readonly done: number;
  readonly failed: number;
}

export interface ResultsState {
  readonly lines: number;
  readonly latest: Readonly<Record<string, LatestResult>>;
  /** Result lines per calendar day of processed_at (in the zone); unreadable times under "unknown". */
  readonly byDay: Readonly<Record<string, DayResults>>;
}

/** Pure: true when `next` supersedes `current` as a ticket's latest result. */
export const supersedes = (current: LatestResult | undefined, next: LatestResult): boolean => {
  if (current === undefined) return true;
  if (next.ms === null) return current.ms === null;
  if (current.ms === null) return true;
  return next.ms >= current.ms;
};

const countDay = (d: DayResults | undefined, status: string): DayResults => ({
  total: (d?.total ?? 0) + 1,
  done: (d?.done ?? 0) + (status === 'DONE' ? 1 : 0),
  failed: (d?.failed ?? 0) + (status === 'FAILED' ? 1 : 0),
});

/** Folds `ticket_results.jsonl` in `zone`: each ticket's latest result and per-day result counts. */
export const ticketResultsProjection = (zone: string): Projection<ResultsState, TicketResult> => ({
  name: 'cycle-ticket-results',
  version: 1,
  initial: { lines: 0, latest: {}, byDay: {} },
  evolve: (s, e) => {
    const r = e.value;
    const ms = parseInZone(r.processed_at, zone);
    const next: LatestResult = { status: r.status, processed_at: r.processed_at, ms, line: e.position.line };
    const current = Object.hasOwn(s.latest, r.request_id) ? s.latest[r.request_id] : undefined;
    const day = ms === null ? 'unknown' : dayInZone(ms, zone);
    return {
      lines: s.lines + 1,
      latest: supersedes(current, next) ? { ...s.latest, [r.request_id]: next } : s.latest,
      byDay: { ...s.byDay, [day]: countDay(s.byDay[day], r.status) },
    };
  },
});

/** Pure: a ticket's status: its latest result's status, OPEN without one. */
export const statusOf = (results: ResultsState, requestId: string): string =>
  Object.hasOwn(results.latest, requestId) ? (results.latest[requestId]?.status ?? 'OPEN') : 'OPEN';
