import { describe, expect, it } from 'vitest';
import { isTaskId } from './workspace.js';
import { filesOf, memoryWorkspace } from './workspace.test-kit.js';

describe('workspaceLayout', () => {
  it('places the seed layout and opsfold logs under the root', () => {
    const ws = memoryWorkspace(filesOf({}));
    expect([ws.eventsDir, ws.timersFile, ws.worktreesDir, ws.watchdogLog, ws.finishDir]).toEqual([
      '/ws/memory/events',
      '/ws/memory/task-timers.json',
      '/ws/.worktrees',
      '/ws/memory/harness/watchdog.jsonl',
      '/ws/memory/harness/finish',
    ]);
  });

  it('reads the task timers at the layout path, none when absent', async () => {
    expect(await memoryWorkspace(filesOf({})).timers()).toEqual({ tasks: {} });
    const ws = memoryWorkspace(filesOf({ 'memory/task-timers.json': [{ tasks: { t1: {} } }, 0] }));
    expect(Object.keys((await ws.timers()).tasks)).toEqual(['t1']);
  });
});

describe('isTaskId', () => {
  it('accepts one name of letters, digits, - and _, and refuses dots and slashes', () => {
    expect(['task-2703', 'T_1'].map(isTaskId)).toEqual([true, true]);
    expect(['', '-x', 'a.b', 'a/b', '..'].map(isTaskId)).toEqual([false, false, false, false, false]);
  });
});
