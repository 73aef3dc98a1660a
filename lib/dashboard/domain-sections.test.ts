import { describe, expect, it } from 'vitest';
import { memoryPorts, memoryRoot } from '../cycle/ports-test-kit.js';
import { filesOf, memoryWorkspace } from '../harness/workspace.test-kit.js';
import { cycleSections, harnessSections } from './domain-sections.js';

const snapshot = (runId: string, decision: string) =>
  JSON.stringify({
    schema: 'OPS_CYCLE_RUN_V2',
    run_id: runId,
    asof: '2026-03-02T09:00:00+09:00',
    overall_status: decision === 'PROCESSED' ? 'DONE' : 'NO_OP',
    ticket_step: { decision, reason: 'R', selected_request_id: null, receipt_ref: null },
  });

describe('the ops-cycle sections', () => {
  it('given two snapshots and an unreadable one, lists the cycles newest first and names the bad file', async () => {
    const root = memoryRoot();
    root.snapshots.set('ops_run_20260302_090000.json', snapshot('r1', 'PROCESSED'));
    root.snapshots.set('ops_run_20260302_091000.json', snapshot('r2', 'NONE'));
    root.snapshots.set('ops_run_20260302_092000.json', '{not json');

    const [cycles, receipts, days] = await cycleSections({ ports: memoryPorts(root), zone: 'UTC' }, 0);

    expect((cycles?.json as { run_id: string }[]).map((c) => c.run_id)).toEqual(['r2', 'r1']);
    expect(cycles?.error).toContain('ops_run_20260302_092000.json');
    expect(receipts).toMatchObject({
      json: [],
      source: 'state/tickets/ticket_receipts.jsonl (0 lines, 0 BLOCKED)',
    });
    expect(days?.source).toBe('cycle history (UTC)');
  });
});

describe('the harness sections', () => {
  it('given tasks known only from task-timers, lists them as not observed and the watchdog at cycle 0', async () => {
    const ws = memoryWorkspace(filesOf({ 'memory/task-timers.json': [{ tasks: { 'task-1': {} } }, 0] }));

    const [tasks, watchdog] = await harnessSections(ws, Date.parse('2026-05-29T00:00:00Z'));

    expect(tasks?.json).toEqual([
      expect.objectContaining({ task_id: 'task-1', spawn_state: 'UNKNOWN', spawn_signals: ['not_observed'] }),
    ]);
    expect(tasks?.source).toBe('memory/harness/observations.jsonl (spawn state, liveness at as of)');
    expect(watchdog).toMatchObject({ json: [], source: 'memory/harness/watchdog.jsonl (cycle 0)' });
  });
});
