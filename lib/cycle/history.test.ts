// Given snapshots, receipts and results, when history is folded, then each day counts its cycles by
// outcome, skips by reason, receipts and stuck tickets.
import { describe, expect, it } from 'vitest';
import { fold } from '../core/projection.js';
import { given, positionEvents } from '../testing/given.js';
import type { AnyCycleSnapshot } from './codecs-snapshot.js';
import type { TicketReceipt } from './codecs-tickets.js';
import {
  historyRows,
  snapshotDay,
  snapshotDaysProjection,
  stuckTickets,
  type NamedSnapshot,
} from './history.js';
import { ticketReceiptsProjection } from './receipts.js';
import { ticketRequestsProjection, ticketResultsProjection } from './tickets.js';
import { parseInZone } from './zone.js';

const Z = 'Asia/Seoul';
const snap = (
  file: string,
  overall: string,
  decision: string,
  reason: string,
  extra: Partial<AnyCycleSnapshot> = {},
): NamedSnapshot => ({
  file,
  snapshot: {
    schema: 'OPS_CYCLE_RUN_V2',
    overall_status: overall,
    ticket_step: { decision, reason },
    ...extra,
  },
});

describe('a snapshot’s day', () => {
  it('is its asof in the zone, else the date in its file name', () => {
    expect(
      snapshotDay(
        snap('ops_run_20260301_235959.json', 'DONE', 'NONE', 'NO_OPEN_TICKETS', {
          asof: '2026-03-01T15:30:00+00:00',
        }),
        Z,
      ),
    ).toBe('2026-03-02');
    expect(snapshotDay(snap('ops_run_20260301_235959.json', 'DONE', 'NONE', 'NO_OPEN_TICKETS'), Z)).toBe(
      '2026-03-01',
    );
    expect(snapshotDay(snap('odd.json', 'DONE', 'NONE', 'NO_OPEN_TICKETS'), Z)).toBe('unknown');
  });
});

describe('the per-day rows', () => {
  const snapshots = [
    snap('ops_run_20260302_090000.json', 'DONE', 'PROCESSED', 'TICKET_PROCESSED_OK'),
    snap('ops_run_20260302_090100.json', 'DONE', 'NONE', 'NO_OPEN_TICKETS'),
    snap('ops_run_20260302_090200.json', 'DONE_WITH_SKIPS', 'SKIPPED', 'LOCK_CONFLICT_409'),
    snap('ops_run_20260302_090300.json', 'DONE_WITH_SKIPS', 'SKIPPED', 'LOCK_CONFLICT_409', {
      interrupted_cycle: { run_id: 'x' },
    }),
    snap('ops_run_20260302_090400.json', 'STOPPED', 'SKIPPED', 'EMERGENCY_STOP_ACTIVE'),
    snap(
      'ops_run_20260302_090500.json',
      'FAILED',
      'SKIPPED',
      'TICKET_PROCESS_ERROR: [Errno 2] No such file or directory: the origin leaks text here',
    ),
  ];
  const days = fold(snapshotDaysProjection(Z), positionEvents(snapshots));
  const receipts = given(ticketReceiptsProjection(Z)).events({
    schema: 'EXECUTION_RECEIPT_V3',
    asof: '2026-03-02T09:00:00',
    receipt_id: 'r',
    request_id: 'a',
    mode: 'REAL',
    decision: 'BLOCKED',
  } as TicketReceipt).state;
  const rows = historyRows(days, receipts, []);
  it('count cycles by outcome, stops and failures apart from skips', () => {
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      day: '2026-03-02',
      cycles: 6,
      processed: 1,
      none: 1,
      skipped: 2,
      stopped: 1,
      failed: 1,
      interrupted: 1,
      receipts: 1,
      blocked: 1,
    });
  });
  it('count skips by reason', () => {
    expect(rows[0]?.skipped_by_reason).toEqual({ LOCK_CONFLICT_409: 2 });
  });
  it('keep cycles == processed + none + skipped + stopped + failed', () => {
    const r = rows[0];
    expect(r && r.processed + r.none + r.skipped + r.stopped + r.failed).toBe(r?.cycles);
  });
});

describe('a stuck ticket', () => {
  const requests = given(ticketRequestsProjection).events({
    request_id: 'a',
    requested_at: 't',
    request_type: 'REQUEST_REPORTS',
  }).state;
  const results = given(ticketResultsProjection(Z)).events(
    { request_id: 'a', processed_at: '2026-03-01T09:00:00', status: 'IN_PROGRESS' },
    { request_id: 'b', processed_at: '2026-03-02T08:59:00', status: 'IN_PROGRESS' },
    { request_id: 'c', processed_at: '2026-03-01T09:00:00', status: 'DONE' },
  ).state;
  const asOf = parseInZone('2026-03-02T09:00:00', Z) ?? 0;
  it('is IN_PROGRESS for at least the threshold at asOf, and is counted on the day it started', () => {
    const stuck = stuckTickets({ requests, results }, asOf, 3_600_000, Z);
    expect(stuck).toEqual([
      {
        request_id: 'a',
        request_type: 'REQUEST_REPORTS',
        since: '2026-03-01T09:00:00',
        age_s: 86_400,
        day: '2026-03-01',
      },
    ]);
    expect(historyRows({}, given(ticketReceiptsProjection(Z)).events().state, stuck)[0]).toMatchObject({
      day: '2026-03-01',
      stuck: 1,
      cycles: 0,
    });
  });
});
