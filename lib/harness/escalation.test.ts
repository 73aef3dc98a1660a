// Seed 004 §2.3: what a cycle observes and what it records about an ESCALATE delivery.
import { describe, expect, it } from 'vitest';
import { deliveryRecord, tasksToObserve } from './escalation.js';
import type { ObservationsState } from './observations-projection.js';
import type { WatchdogDecisionRecord } from './watchdog-codec.js';

const observedWith = (status: string): ObservationsState =>
  ({ tasks: { 'task-1': { latest: { timer: { status } } } } }) as unknown as ObservationsState;

describe('the tasks a cycle observes', () => {
  const timers = { tasks: { 'task-1': { status: 'completed' }, 'task-2': { status: 'running' } } };
  it('given a task terminal in its timer and when last observed, then it is settled and skipped', () => {
    expect(tasksToObserve(['task-1', 'task-2'], timers, observedWith('completed'), ['completed'])).toEqual([
      'task-2',
    ]);
  });
  it('given a task that turned terminal since it was last observed, then it is observed once more', () => {
    expect(tasksToObserve(['task-1'], timers, observedWith('running'), ['completed'])).toEqual(['task-1']);
  });
});

describe('the delivery record', () => {
  it('carries the decision cycle, instant and task with what the sink reported', () => {
    const r = { cycle: 3, as_of: '2026-05-28T14:09:30+09:00', task_id: 'task-1' } as WatchdogDecisionRecord;
    expect(deliveryRecord(r, { sink: 'webhook', ok: true, detail: 'HTTP 200' })).toEqual({
      kind: 'watchdog_delivery',
      schema_version: 1,
      cycle: 3,
      as_of: '2026-05-28T14:09:30+09:00',
      task_id: 'task-1',
      sink: 'webhook',
      ok: true,
      detail: 'HTTP 200',
    });
  });
});
