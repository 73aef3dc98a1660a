// Given the ticket logs, when the daily report is regenerated at asOf, then it covers asOf's day in the
// zone with the origin's rules.
import { describe, expect, it } from 'vitest';
import * as E from 'fp-ts/lib/Either.js';
import { decode } from '../core/codec.js';
import { given } from '../testing/given.js';
import { DailyOpsReport } from './codecs-snapshot.js';
import type { TicketReceipt, TicketResult } from './codecs-tickets.js';
import { buildDailyReport, dayReceiptsProjection } from './report.js';
import { ticketResultsProjection } from './tickets.js';

const Z = 'Asia/Seoul';
const blocked = (id: string, reasons: string[], asof = '2026-03-02T08:00:00'): TicketReceipt => ({
  schema: 'EXECUTION_RECEIPT_V3',
  asof,
  receipt_id: `b-${id}`,
  request_id: id,
  request_type: 'REQUEST_REPORTS',
  mode: 'REAL',
  decision: 'BLOCKED',
  block_reasons: reasons,
});
const executed = (id: string, mode: string, changed: boolean): TicketReceipt => ({
  schema: 'EXECUTION_RECEIPT_V3',
  asof: '2026-03-02T08:30:00',
  receipt_id: `e-${id}`,
  request_id: id,
  request_type: 'REQUEST_REPORTS',
  mode,
  decision: 'EXECUTED',
  exit_code: 0,
  acceptance: { pass: true, reason: 'CHANGED_VERIFIED' },
  outputs_proof: {
    targets: [
      { path: 'reports/x.json', changed },
      { path: 'reports/y.json', changed: false },
    ],
  },
});
const res = (id: string, at: string, status: string): TicketResult => ({
  request_id: id,
  processed_at: at,
  status,
});

const report = (receipts: TicketReceipt[], results: TicketResult[] = []) =>
  buildDailyReport(
    '2026-03-02T09:00:00+09:00',
    '2026-03-02',
    given(ticketResultsProjection(Z)).events(...results).state,
    given(dayReceiptsProjection('2026-03-02', Z)).events(...receipts).state,
  );

describe('the daily ops report', () => {
  it('counts only the results and receipts of its day', () => {
    const r = report(
      [blocked('a', ['Window not ACTIVE']), blocked('old', ['Window not ACTIVE'], '2026-03-01T08:00:00')],
      [
        res('a', '2026-03-02T08:00:00', 'FAILED'),
        res('b', '2026-03-02T08:10:00', 'DONE'),
        res('c', '2026-03-01T23:00:00', 'DONE'),
      ],
    );
    expect(r.summary).toEqual({ tickets_total: 2, done: 1, failed: 1, blocked: 1 });
  });
  it('lists the top 3 blocked reasons, cut to 50 characters, most frequent first', () => {
    const long = 'x'.repeat(60);
    const r = report([
      blocked('a', ['B', long]),
      blocked('b', ['B', 'C']),
      blocked('c', ['D']),
      blocked('d', [long]),
    ]);
    expect(r.blocked_reasons_top).toEqual([
      { reason: 'B', count: 2 },
      { reason: 'x'.repeat(50), count: 2 },
      { reason: 'C', count: 1 },
    ]);
    expect(r.last_blocked).toMatchObject({ request_id: 'd', reason: 'x'.repeat(50) });
  });
  it('names the last REAL execution and only the artifacts it changed', () => {
    const r = report([executed('m', 'MOCK_ONLY', true), executed('r', 'REAL', true)]);
    expect([r.last_real_execution, r.artifacts_written, r.last_done?.request_id]).toEqual([
      { request_id: 'r', request_type: 'REQUEST_REPORTS', exit_code: 0, acceptance_pass: true },
      ['reports/x.json'],
      'r',
    ]);
  });
  it('counts safety hits from the blocked reasons text', () => {
    const r = report([
      blocked('a', ['Window not ACTIVE or type not allowed']),
      blocked('b', ['Emergency Stop is ON']),
      blocked('c', ['ALLOWLIST_VIOLATION']),
      blocked('d', ['PREFLIGHT_FAIL']),
    ]);
    expect(r.safety_counters).toEqual({
      window_consumed_count: 1,
      emergency_stop_hits: 1,
      allowlist_violation_hits: 1,
      preflight_fail_hits: 1,
    });
  });
  it('satisfies its own contract (DAILY_OPS_REPORT_V1)', () => {
    const r = report([blocked('a', ['W']), executed('r', 'REAL', true)]);
    expect(E.isRight(decode(DailyOpsReport, JSON.parse(JSON.stringify(r))))).toBe(true);
  });
});
