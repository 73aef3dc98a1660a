import { describe, expect, it } from 'vitest';
import { gatherObservation } from './gather.js';
import { knownTasks, observeTasks } from './observe-pass.js';
import { filesOf, memoryWorkspace } from './workspace.test-kit.js';

const T0 = Date.parse('2026-05-28T05:00:00Z');
const min = (n: number) => T0 + n * 60_000;
const dispatched = {
  task_id: 'task-7',
  schedule_id: 'sched-7',
  executor: 'hermes/vulcan',
  bot_key_hash: '0123456789abcdef',
  fire_time: '2026-05-28T14:00:00+09:00',
  prompt_sha: 'a'.repeat(64),
  task_md_sha_before: 'b'.repeat(64),
  dispatch_method: 'dispatch_py',
};
const workspace = () =>
  filesOf({
    'memory/task-timers.json': [{ tasks: { 'task-7': { status: 'running', schedule_id: 'old' } } }, 0],
    'memory/events/task-7.dispatched-hermes-260528.json': [dispatched, min(0)],
    'memory/events/task-7.callback-launch.json': [{ collector_role: 'anu' }, min(1)],
    'memory/events/task-7.completion.txt': ['done', min(20)],
    'memory/events/task-8.done': ['', min(2)],
    'memory/tasks/task-7.md': ['# task', 0],
    'memory/reports/task-7_report.md': ['report', min(25)],
    'memory/reports/task-70_report.md': ['another task', min(40)],
    '.worktrees/task-7-hermes/src/a.ts': ['x', min(10)],
    'sched/sched-7.output': ['out', min(12)],
    'prompts/system_prompt_ab12_1': ['you work on task-7', 0],
  });

describe('gatherObservation', () => {
  it('given markers, a dispatch marker, a worktree and reports, records the signals relative to the root', async () => {
    const ws = memoryWorkspace(workspace(), { schedulerDir: '/ws/sched' });
    const ctx = {
      ws,
      timers: await ws.timers(),
      processes: {
        kind: 'proc' as const,
        processes: [{ pid: 9, argv: ['bot', '/ws/prompts/system_prompt_ab12_1'] }],
      },
      controllerPrompt: null,
    };
    const o = await gatherObservation(ctx, 'task-7', min(30));
    expect(o.schedule_id).toBe('sched-7');
    expect(o.bot_key_hash).toBe('0123456789abcdef');
    expect(o.task_id_present).toBe(true);
    expect(o.callback).toEqual({ registered: true, collector_role: 'anu' });
    expect(o.markers.map((m) => m.name)).toEqual([
      'callback-launch.json',
      'completion.txt',
      'dispatched-hermes-260528.json',
    ]);
    expect(o.worktree.path).toBe('.worktrees/task-7-hermes');
    expect(o.artifact.newest).toBe('memory/reports/task-7_report.md');
    expect(o.bot_output).toEqual({ exists: true, mtime: '2026-05-28T14:12:00+09:00', bytes: 3 });
    expect(o.schedule_history.exists).toBe(false);
    expect(o.session).toMatchObject({ status: 'seen', source: 'proc', pids: [9] });
  });

  it('given no process source, the session is unknown', async () => {
    const ws = memoryWorkspace(workspace());
    const ctx = {
      ws,
      timers: await ws.timers(),
      processes: { kind: 'none' as const },
      controllerPrompt: null,
    };
    const o = await gatherObservation(ctx, 'task-8', min(30));
    expect(o.session.status).toBe('unknown');
    expect(o.task_id_present).toBe(false);
    expect(o.schedule_id).toBeNull();
  });
});

describe('observeTasks', () => {
  it('appends one observation per task, folds them and writes the dispatch marker sidecar', async () => {
    const files = workspace();
    const ws = memoryWorkspace(files);
    const ctx = {
      ws,
      timers: await ws.timers(),
      processes: { kind: 'none' as const },
      controllerPrompt: null,
    };
    expect(await knownTasks(ctx)).toEqual(['task-7', 'task-8']);
    const { observations, state } = await observeTasks(ctx, ['task-7'], min(30));
    expect(observations).toHaveLength(1);
    expect(files.get('/ws/memory/harness/observations.jsonl')!.text.split('\n')).toHaveLength(2);
    expect(state.tasks['task-7']?.spawn).toBeDefined();
    expect([...files.keys()].filter((p) => p.endsWith('.spawn-state.json'))).toEqual([
      '/ws/memory/events/task-7.dispatched-hermes-260528.spawn-state.json',
    ]);
  });
});
