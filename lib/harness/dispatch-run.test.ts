// Seed 004 §3.1 and §3.3: given a dispatch, when the scheduler fires, then the dispatch marker is created
// right after (≤ 5 s) with the fire instant; nothing is fired when the marker already exists or the
// input is invalid, and no marker is written when nothing fired.
import { describe, expect, it } from 'vitest';
import { dispatchTask, scheduleIdFrom, type DispatchInput, type Fired } from './dispatch-run.js';
import { filesOf, memoryWorkspace } from './workspace.test-kit.js';

const FIRE = Date.parse('2026-05-28T13:22:33+09:00');
const input: DispatchInput = {
  taskId: 'task-2703',
  team: 'hermes',
  scheduleId: null,
  scheduleIdPattern: /\b[0-9A-F]{8}\b/,
  executor: 'hermes/vulcan',
  botKeyHash: '0123456789abcdef',
  zone: '+09:00',
  promptSha: 'a'.repeat(64),
  taskMdShaBefore: 'b'.repeat(64),
  method: 'dispatch_py',
};
const FILE = '/ws/memory/events/task-2703.dispatched-hermes-260528.json';

/** A clock that reads FIRE, then advances `stepMs` per read; a scheduler that answers `fired`. */
const portsOf = (fired: Fired, stepMs = 100) => {
  let t = FIRE - stepMs;
  const calls: string[] = [];
  return {
    calls,
    ports: {
      fire: async () => (calls.push('fire'), fired),
      now: () => (t += stepMs),
    },
  };
};

describe('harness dispatch', () => {
  it('given a scheduler that fires and prints its cron id, then the marker holds that id and the fire instant, within 5 s', async () => {
    const files = filesOf({});
    const { ports, calls } = portsOf({ ok: true, stdout: 'registered cron BE5161A0\n', detail: 'exit 0' });
    const r = await dispatchTask(memoryWorkspace(files), input, ports);
    expect(calls).toEqual(['fire']);
    expect(r).toMatchObject({ kind: 'dispatched', scheduleId: 'BE5161A0', withinDeadline: true });
    expect(JSON.parse(files.get(FILE)!.text)).toMatchObject({
      schedule_id: 'BE5161A0',
      fire_time: '2026-05-28T13:22:33+09:00',
      dispatch_method: 'dispatch_py',
    });
  });
  it('given a marker write later than 5 s after the fire, then the result says so', async () => {
    const { ports } = portsOf({ ok: true, stdout: 'BE5161A0', detail: 'exit 0' }, 6000);
    const r = await dispatchTask(memoryWorkspace(filesOf({})), input, ports);
    expect(r).toMatchObject({ kind: 'dispatched', withinDeadline: false });
  });
  it('given a scheduler that fails, then no marker is written', async () => {
    const files = filesOf({});
    const { ports } = portsOf({ ok: false, stdout: '', detail: 'exit 2: no such bot' });
    expect(await dispatchTask(memoryWorkspace(files), input, ports)).toEqual({
      kind: 'fire_failed',
      detail: 'exit 2: no such bot',
    });
    expect(files.has(FILE)).toBe(false);
  });
  it('given an existing marker of the same name, or an invalid input, then nothing is fired', async () => {
    const files = filesOf({ 'memory/events/task-2703.dispatched-hermes-260528.json': [{}, FIRE] });
    const a = portsOf({ ok: true, stdout: 'BE5161A0', detail: 'exit 0' });
    expect(await dispatchTask(memoryWorkspace(files), input, a.ports)).toMatchObject({ kind: 'exists' });
    const b = portsOf({ ok: true, stdout: 'BE5161A0', detail: 'exit 0' });
    const bad = await dispatchTask(memoryWorkspace(filesOf({})), { ...input, team: '../x' }, b.ports);
    expect(bad.kind).toBe('invalid');
    expect([...a.calls, ...b.calls]).toEqual([]);
  });
  it('given a fire whose output has no schedule id and none was given, then no marker is written', async () => {
    const files = filesOf({});
    const { ports } = portsOf({ ok: true, stdout: 'ok\n', detail: 'exit 0' });
    expect((await dispatchTask(memoryWorkspace(files), input, ports)).kind).toBe('no_schedule_id');
    expect(files.has(FILE)).toBe(false);
    const given = portsOf({ ok: true, stdout: 'ok\n', detail: 'exit 0' });
    const r = await dispatchTask(memoryWorkspace(files), { ...input, scheduleId: 'cron-7' }, given.ports);
    expect(r).toMatchObject({ kind: 'dispatched', scheduleId: 'cron-7' });
  });
  it("the schedule id is the pattern's first group, else its whole match", () => {
    expect(scheduleIdFrom('id=5A11C0DE ok', /id=(\w+)/)).toBe('5A11C0DE');
    expect(scheduleIdFrom('cron 5A11C0DE', /\b[0-9A-F]{8}\b/)).toBe('5A11C0DE');
    expect(scheduleIdFrom('nothing', /\b[0-9A-F]{8}\b/)).toBeNull();
  });
});
