// Given a root in memory with snapshots, ticket logs and a lock, when `cycle history` gathers through
// its ports, then it counts the decodable snapshots, names the undecodable ones and judges the lock.
import { describe, expect, it } from 'vitest';
import { gatherHistory } from './history-gather.js';
import { SHOWN } from './layout.js';
import { memoryPorts, memoryRoot } from './ports-test-kit.js';
import { parseInZone } from './zone.js';

const Z = 'Asia/Seoul';
const req = { asOfMs: parseInZone('2026-03-02T09:00:00', Z) ?? 0, stuckAfterMs: 86_400_000, zone: Z };
const snapshot = (runId: string) =>
  JSON.stringify({
    schema: 'OPS_CYCLE_RUN_V2',
    run_id: runId,
    asof: '2026-03-02T08:00:00+09:00',
    overall_status: 'DONE',
    ticket_step: { decision: 'NONE', reason: 'NO_OPEN_TICKETS' },
  });

describe('the history of a root', () => {
  it('given two snapshots of one day and one that is not JSON, then the day counts two cycles and the bad one is named', async () => {
    const root = memoryRoot();
    root.snapshots.set('ops_run_20260302_080000.json', snapshot('r1'));
    root.snapshots.set('ops_run_20260302_081000.json', snapshot('r2'));
    root.snapshots.set('ops_run_20260302_082000.json', 'not json');
    const view = await gatherHistory(memoryPorts(root), req);
    expect(view.days).toEqual([expect.objectContaining({ day: '2026-03-02', cycles: 2 })]);
    expect(view.unreadable).toEqual([`${SHOWN.snapshots}/ops_run_20260302_082000.json: not JSON`]);
    expect(view.lock).toBeNull();
  });

  it('given a stale lock whose run wrote no snapshot, then the lock is an interrupted cycle', async () => {
    const root = memoryRoot();
    root.docs.set(SHOWN.lock, { run_id: 'gone', locked_at: '2026-03-02T08:00:00' });
    const view = await gatherHistory(memoryPorts(root), req);
    expect(view.lock).toEqual({ run_id: 'gone', state: 'interrupted', snapshot_written: false });
  });

  it('given a fresh lock, then it is held', async () => {
    const root = memoryRoot();
    root.docs.set(SHOWN.lock, { run_id: 'now', locked_at: '2026-03-02T08:59:30' });
    const view = await gatherHistory(memoryPorts(root), req);
    expect(view.lock).toEqual({ run_id: 'now', state: 'held', snapshot_written: false });
  });
});
