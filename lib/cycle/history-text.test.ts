// Given the snapshots, the ticket logs and the lock of a root, when its history is viewed as of asOf,
// then the view counts each day's cycles in the zone and the text names the lock's state.
import { describe, expect, it } from 'vitest';
import { ticketReceiptsProjection } from './receipts.js';
import { historyView, renderHistory } from './history-text.js';
import type { NamedSnapshot } from './history.js';
import { ticketRequestsProjection, ticketResultsProjection } from './tickets.js';
import { parseInZone } from './zone.js';

const Z = 'Asia/Seoul';
const snap = (file: string, asof: string): NamedSnapshot => ({
  file,
  snapshot: {
    schema: 'OPS_CYCLE_RUN_V2',
    asof,
    overall_status: 'DONE',
    ticket_step: { decision: 'NONE', reason: 'NO_OPEN_TICKETS' },
  },
});
const logs = {
  requests: ticketRequestsProjection.initial,
  results: ticketResultsProjection(Z).initial,
  receipts: ticketReceiptsProjection(Z).initial,
};
const view = (lock: Parameters<typeof historyView>[0]['lock']) =>
  historyView({
    snapshots: [
      snap('ops_run_20260301_235959.json', '2026-03-01T23:59:59+09:00'),
      snap('b', '2026-03-02T08:00:00+09:00'),
    ],
    logs,
    lock,
    unreadable: ['reports/x.json: not JSON'],
    asOfMs: parseInZone('2026-03-02T09:00:00', Z) ?? 0,
    stuckAfterMs: 3_600_000,
    zone: Z,
  });

describe('the history view', () => {
  it('one row per day in the zone, asOf written in the zone, the unreadable kept', () => {
    const v = view(null);
    expect([v.asof, v.stuck_after_s, v.days.map((d) => [d.day, d.cycles]), v.unreadable]).toEqual([
      '2026-03-02T09:00:00+09:00',
      3600,
      [
        ['2026-03-01', 1],
        ['2026-03-02', 1],
      ],
      ['reports/x.json: not JSON'],
    ]);
  });

  it('the text says 2 cycles over 2 days and how the lock stands', () => {
    expect(renderHistory(view(null))).toContain('2 cycles over 2 days');
    expect(renderHistory(view(null))).toContain('lock: free');
    const crashed = view({ run_id: 'r1', state: 'interrupted', snapshot_written: false });
    expect(renderHistory(crashed)).toContain('lock: stale, run r1 wrote no snapshot');
  });
});
