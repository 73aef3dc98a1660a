import { describe, expect, it } from 'vitest';
import { runCollectPass } from './collect-run.js';
import type { DeliveryResult } from './escalation.js';
import { gatherStatus } from './status-gather.js';
import { watchdogCycle, type WatchdogPorts } from './watchdog-run.js';
import { filesOf, memoryWorkspace } from './workspace.test-kit.js';

const AT = (hhmm: string) => Date.parse(`2026-05-29T${hhmm}:00+09:00`);
// A critical task whose only marker is the controller's sha decision: silent once it is old enough.
const stalled = () =>
  filesOf({
    'memory/task-timers.json': [{ tasks: { 'task-9': { status: 'pending', critical: true } } }, 0],
    'memory/events/task-9.task-md-sha-decision.json': [{}, AT('09:00')],
  });
// A completed task fired at 13:22:33 with no closeout marker: only the safety net collects it.
const finished = () =>
  filesOf({
    'memory/task-timers.json': [
      { tasks: { 'task-9': { status: 'completed', started_at: '2026-05-28T13:22:33+09:00' } } },
      0,
    ],
  });

const ports = (ws: ReturnType<typeof memoryWorkspace>, sent: unknown[], ok = true): WatchdogPorts => ({
  observe: async () => ({
    ws,
    timers: await ws.timers(),
    processes: { kind: 'sessions_file', processes: [] },
    controllerPrompt: null,
  }),
  deliver: async (payload): Promise<DeliveryResult> => {
    sent.push(payload);
    return { sink: 'command', ok, detail: ok ? 'exit 0' : 'exit 1' };
  },
});

describe('watchdogCycle', () => {
  it('given nothing observed and observing off, decides nothing and delivers nothing', async () => {
    const files = stalled();
    const ws = memoryWorkspace(files);
    const sent: unknown[] = [];
    const cycle = await watchdogCycle(ws, AT('09:50'), { ...ports(ws, sent), observe: null });
    expect(cycle).toEqual({ records: [], deliveries: [] });
    expect(files.has('/ws/memory/harness/watchdog.jsonl')).toBe(false);
  });

  it('given a critical task silent for two cycles, delivers one ESCALATE and marks it delivered', async () => {
    const files = stalled();
    const ws = memoryWorkspace(files);
    const sent: unknown[] = [];
    const first = await watchdogCycle(ws, AT('09:50'), ports(ws, sent));
    expect(first.records.map((r) => [r.task_id, r.alert_class])).toEqual([['task-9', 'WARN']]);
    expect(sent).toEqual([]);
    const second = await watchdogCycle(ws, AT('09:55'), ports(ws, sent));
    expect(second.records[0]?.alert_class).toBe('ESCALATE');
    expect(second.deliveries.map((d) => [d.task_id, d.ok])).toEqual([['task-9', true]]);
    expect(sent).toHaveLength(1);
    expect(files.has('/ws/memory/events/task-9.escalate')).toBe(true);
  });

  it('given a sink that fails, records the failed delivery and leaves no marker', async () => {
    const files = stalled();
    const ws = memoryWorkspace(files);
    await watchdogCycle(ws, AT('09:50'), ports(ws, [], false));
    const second = await watchdogCycle(ws, AT('09:55'), ports(ws, [], false));
    expect(second.deliveries.map((d) => d.ok)).toEqual([false]);
    expect(files.has('/ws/memory/events/task-9.escalate')).toBe(false);
  });

  it('given a failed ESCALATE, when later cycles run, then it is retried with the same key until acknowledged, and never sent again after', async () => {
    const files = stalled();
    const ws = memoryWorkspace(files);
    const sent: { idempotency_key?: string; cycle: number }[] = [];
    await watchdogCycle(ws, AT('09:50'), ports(ws, sent, false));
    await watchdogCycle(ws, AT('09:55'), ports(ws, sent, false));
    const third = await watchdogCycle(ws, AT('10:00'), ports(ws, sent, false));
    expect(third.records[0]?.alert_class).toBe('WARN');
    expect(third.deliveries.map((d) => [d.cycle, d.decided_cycle, d.ok])).toEqual([[3, 2, false]]);
    expect(files.has('/ws/memory/events/task-9.escalate')).toBe(false);
    const fourth = await watchdogCycle(ws, AT('10:05'), ports(ws, sent, true));
    expect(fourth.deliveries.map((d) => [d.key, d.ok])).toEqual([['harness-escalate:task-9:2', true]]);
    expect(JSON.parse(files.get('/ws/memory/events/task-9.escalate')!.text)).toMatchObject({
      idempotency_key: 'harness-escalate:task-9:2',
      sink: 'command',
    });
    const fifth = await watchdogCycle(ws, AT('10:10'), ports(ws, sent, true));
    expect(fifth.deliveries).toEqual([]);
    expect(sent.map((p) => [p.idempotency_key, p.cycle])).toEqual([
      ['harness-escalate:task-9:2', 2],
      ['harness-escalate:task-9:2', 2],
      ['harness-escalate:task-9:2', 2],
    ]);
  });

  it('given a crash after the marker was created but before the delivery was recorded, then the next cycle records it without sending', async () => {
    const files = stalled();
    const ws = memoryWorkspace(files);
    const sent: unknown[] = [];
    await watchdogCycle(ws, AT('09:50'), ports(ws, sent, false));
    await watchdogCycle(ws, AT('09:55'), ports(ws, sent, false));
    const marker = { idempotency_key: 'harness-escalate:task-9:2', sink: 'command' };
    files.set('/ws/memory/events/task-9.escalate', {
      text: `${JSON.stringify(marker)}\n`,
      mtimeMs: AT('09:56'),
    });
    const next = await watchdogCycle(ws, AT('10:00'), ports(ws, sent, true));
    expect(next.deliveries.map((d) => [d.key, d.ok, d.sink])).toEqual([
      ['harness-escalate:task-9:2', true, 'none'],
    ]);
    expect(sent).toHaveLength(1);
    expect((await watchdogCycle(ws, AT('10:05'), ports(ws, sent, true))).deliveries).toEqual([]);
  });
});

describe('runCollectPass and gatherStatus', () => {
  it('given a task past its fallback delay, collects it once by the safety net and status shows it', async () => {
    const files = finished();
    const ws = memoryWorkspace(files);
    expect(await runCollectPass(ws, Date.parse('2026-05-28T13:40:00+09:00'), 20)).toEqual([]);
    const first = await runCollectPass(ws, Date.parse('2026-05-28T13:42:33+09:00'), 20);
    expect(first.filter((r) => r.kind === 'collect_collected').map((r) => r.task_id)).toEqual(['task-9']);
    expect(await runCollectPass(ws, Date.parse('2026-05-28T13:50:00+09:00'), 20)).toEqual([]);
    files.set('/ws/memory/harness/finish/task-9.json', { text: '{"overall":"PASS"}', mtimeMs: 0 });
    files.set('/ws/memory/harness/finish/broken.json', { text: '{"no":"overall"}', mtimeMs: 0 });
    const inputs = await gatherStatus(ws);
    expect(inputs.finish).toEqual({ 'task-9': 'PASS' });
    expect(inputs.known).toEqual(['task-9']);
    expect(inputs.collect.tasks['task-9']?.collected?.path).toBe('fallback_safety_net');
  });
});
