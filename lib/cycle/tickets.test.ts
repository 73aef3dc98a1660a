// Given ticket logs, when folded, then each ticket's status is its latest result and the counters and
// the selection follow the origin's rules.
import { describe, expect, it } from 'vitest';
import { given } from '../testing/given.js';
import { fold } from '../core/projection.js';
import { positionEvents } from '../testing/given.js';
import type { TicketReceipt, TicketRequest, TicketResult } from './codecs-tickets.js';
import { ticketReceiptsProjection } from './receipts.js';
import { countTickets, selectOldestOpen, type TicketLogs } from './selection.js';
import { statusOf, ticketRequestsProjection, ticketResultsProjection } from './tickets.js';

const Z = 'Asia/Seoul';
const req = (id: string, at: string, type = 'REQUEST_REPORTS'): TicketRequest => ({
  request_id: id,
  requested_at: at,
  request_type: type,
});
const res = (id: string, at: string, status: string): TicketResult => ({
  request_id: id,
  processed_at: at,
  status,
});
const v3 = (id: string, decision: string): TicketReceipt => ({
  schema: 'EXECUTION_RECEIPT_V3',
  asof: '2026-03-02T09:00:00',
  receipt_id: `r-${id}`,
  request_id: id,
  mode: 'MOCK_ONLY',
  decision,
});
const v1 = (id: string): TicketReceipt => ({
  schema: 'EXECUTION_RECEIPT_V1',
  receipt_id: `r1-${id}`,
  request_id: id,
  issued_at: '2026-03-01T09:00:00',
  mode: 'MOCK_ONLY',
  result: 'DONE',
});

const logsOf = (
  requests: TicketRequest[],
  results: TicketResult[],
  receipts: TicketReceipt[],
): TicketLogs => ({
  requests: fold(ticketRequestsProjection, positionEvents(requests)),
  results: fold(ticketResultsProjection(Z), positionEvents(results)),
  receipts: fold(ticketReceiptsProjection(Z), positionEvents(receipts)),
});

describe('a ticket status', () => {
  it('is OPEN when the ticket has no result', () => {
    expect(statusOf(given(ticketResultsProjection(Z)).events().state, 'x')).toBe('OPEN');
  });
  it('is the status of the result with the greatest processed_at, whatever the file order', () => {
    const s = given(ticketResultsProjection(Z)).events(
      res('a', '2026-03-01T10:05:00', 'DONE'),
      res('a', '2026-03-01T10:01:00', 'IN_PROGRESS'),
    ).state;
    expect(statusOf(s, 'a')).toBe('DONE');
  });
  it('compares naive and offset times as instants in the zone, not as strings', () => {
    // 10:00 in Seoul is 01:00Z: the 05:00Z result is later although its text sorts first.
    const s = given(ticketResultsProjection(Z)).events(
      res('a', '2026-03-01T10:00:00', 'DONE'),
      res('a', '2026-03-01T05:00:00+00:00', 'FAILED'),
    ).state;
    expect(statusOf(s, 'a')).toBe('FAILED');
  });
  it('goes to the later line when two results have the same time', () => {
    const s = given(ticketResultsProjection(Z)).events(
      res('a', '2026-03-01T10:00:00', 'IN_PROGRESS'),
      res('a', '2026-03-01T10:00:00', 'FAILED'),
    ).state;
    expect(statusOf(s, 'a')).toBe('FAILED');
  });
  it('never comes from a result whose time cannot be read when a readable one exists', () => {
    const s = given(ticketResultsProjection(Z)).events(
      res('a', '2026-03-01T10:00:00', 'DONE'),
      res('a', 'not a time', 'IN_PROGRESS'),
    ).state;
    expect(statusOf(s, 'a')).toBe('DONE');
  });
  it('counts result lines per day of processed_at in the zone', () => {
    const s = given(ticketResultsProjection(Z)).events(
      res('a', '2026-03-01T23:30:00', 'DONE'),
      res('b', '2026-03-01T15:00:00Z', 'FAILED'),
      res('c', '???', 'DONE'),
    ).state;
    expect(s.byDay).toEqual({
      '2026-03-01': { total: 1, done: 1, failed: 0 },
      '2026-03-02': { total: 1, done: 0, failed: 1 },
      unknown: { total: 1, done: 1, failed: 0 },
    });
  });
});

describe('the counters', () => {
  it('count each ticket once by its status and every BLOCKED receipt line, known request or not', () => {
    const logs = logsOf(
      [
        req('o', '2026-03-01T01:00:00'),
        req('p', '2026-03-01T02:00:00'),
        req('d', '2026-03-01T03:00:00'),
        req('f', '2026-03-01T04:00:00'),
      ],
      [
        res('p', '2026-03-01T05:00:00', 'IN_PROGRESS'),
        res('d', '2026-03-01T05:00:00', 'DONE'),
        res('f', '2026-03-01T05:00:00', 'FAILED'),
      ],
      [v3('f', 'BLOCKED'), v3('unknown-id', 'BLOCKED'), v3('d', 'EXECUTED'), v1('d')],
    );
    expect(countTickets(logs)).toEqual({
      tickets_open: 1,
      tickets_in_progress: 1,
      tickets_done: 1,
      tickets_failed: 1,
      tickets_blocked: 2,
    });
  });
  it('count a request id written twice as one ticket, and record the duplicate', () => {
    const requests = given(ticketRequestsProjection).events(
      req('a', '2026-03-01T01:00:00'),
      req('a', '2026-03-02T01:00:00'),
    ).state;
    expect([Object.keys(requests.byId), requests.duplicates, requests.byId['a']?.line]).toEqual([
      ['a'],
      1,
      1,
    ]);
  });
});

describe('selecting the ticket', () => {
  const requests = [
    req('late', '2026-03-02T08:30:00'),
    req('b-early', '2026-03-02T08:00:00'),
    req('a-early', '2026-03-02T08:00:00'),
    req('garbled', 'soon'),
    req('done', '2026-03-01T00:00:00'),
  ];
  const results = [res('done', '2026-03-01T00:01:00', 'DONE')];
  it('takes the OPEN ticket with the smallest requested_at, then the smallest request_id', () => {
    expect(selectOldestOpen(logsOf(requests, results, []), Z, new Set()).ticket?.request_id).toBe('a-early');
  });
  it('passes over excluded tickets', () => {
    const s = selectOldestOpen(logsOf(requests, results, []), Z, new Set(['a-early', 'b-early']));
    expect(s.ticket?.request_id).toBe('late');
  });
  it('takes a ticket whose requested_at cannot be read only when no other is OPEN', () => {
    const s = selectOldestOpen(logsOf(requests, results, []), Z, new Set(['a-early', 'b-early', 'late']));
    expect(s.ticket?.request_id).toBe('garbled');
  });
  it('never takes an OPEN ticket that already has a receipt, and names it', () => {
    const s = selectOldestOpen(logsOf(requests, results, [v3('a-early', 'EXECUTED')]), Z, new Set());
    expect([s.ticket?.request_id, s.withReceipt]).toEqual(['b-early', ['a-early']]);
  });
  it('takes none when no ticket is OPEN', () => {
    expect(
      selectOldestOpen(logsOf([req('done', '2026-03-01T00:00:00')], results, []), Z, new Set()).ticket,
    ).toBeNull();
  });
});
