// Seed 004 §2.3: what a cycle observes and what it records about an ESCALATE delivery.
import { describe, expect, it } from 'vitest';
import { tasksToObserve } from './escalation.js';
import { deliveryOf, escalationMessage, markerAcknowledges, messagesToSend } from './escalation-outbox.js';
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

const decided = (task_id: string, cycle: number, deliver = true) =>
  ({
    task_id,
    cycle,
    as_of: '2026-05-28T14:09:30+09:00',
    deliver,
    reasons: [],
  }) as unknown as WatchdogDecisionRecord;

describe('the ESCALATE outbox', () => {
  it('given an owed delivery and a new one, then the owed one goes first, each once, keyed by task and deciding cycle', () => {
    const owed = { 'harness-escalate:task-1:2': decided('task-1', 2) };
    const now = [decided('task-1', 2), decided('task-2', 3), decided('task-3', 3, false)];
    expect(messagesToSend(owed, now).map((m) => m.key)).toEqual([
      'harness-escalate:task-1:2',
      'harness-escalate:task-2:3',
    ]);
    expect(escalationMessage(decided('task-1', 2)).payload).toMatchObject({
      kind: 'harness_escalation',
      cycle: 2,
      idempotency_key: 'harness-escalate:task-1:2',
    });
  });
  it('given an outcome, then the record names the attempting cycle, the key and the deciding cycle', () => {
    const message = escalationMessage(decided('task-1', 2));
    const result = { sink: 'webhook' as const, ok: false, detail: 'HTTP 503' };
    expect(
      deliveryOf({ kind: 'sent', message, result, ok: false, attempts: 1 }, { cycle: 4, as_of: 'T4' }),
    ).toEqual({
      kind: 'watchdog_delivery',
      schema_version: 1,
      cycle: 4,
      as_of: 'T4',
      task_id: 'task-1',
      key: 'harness-escalate:task-1:2',
      decided_cycle: 2,
      sink: 'webhook',
      ok: false,
      detail: 'HTTP 503',
    });
  });
  it('a .escalate marker acknowledges a key only when it holds that key', () => {
    const text = JSON.stringify({ idempotency_key: 'harness-escalate:task-1:2', sink: 'command' });
    expect(markerAcknowledges(text, 'harness-escalate:task-1:2')).toBe(true);
    expect(markerAcknowledges(text, 'harness-escalate:task-1:5')).toBe(false);
    expect(markerAcknowledges('bot wrote this', 'harness-escalate:task-1:2')).toBe(false);
    expect(markerAcknowledges(null, 'harness-escalate:task-1:2')).toBe(false);
  });
});
