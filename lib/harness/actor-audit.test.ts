// Seed 004 §7.2 L3 and §7.4: given a PreToolUse hook call, when the audit hook runs, then the executor
// is identified by code (a Task call's subagent_type, else the session's configured actor) and the line
// names the task of the worktree the call runs in.
import { describe, expect, it } from 'vitest';
import { auditLineOf, taskOfWorktree } from './actor-audit.js';

const TS = '2026-05-28T13:40:02+09:00';
const none = { executor: null, task: null, commit: null };

describe('the runtime actor audit line', () => {
  it('given a Task tool call, then the executor is its subagent_type', () => {
    const hook = {
      tool_name: 'Task',
      tool_input: { subagent_type: 'vulcan', prompt: 'wire the gate' },
      cwd: '/home/jay/ws/.worktrees/task-2703-hermes',
    };
    expect(auditLineOf(hook, { ...none, executor: 'hermes' }, TS)).toEqual({
      line: { ts: TS, executor: 'vulcan', task_id: 'task-2703', tool: 'Task', subagent_type: 'vulcan' },
    });
  });
  it('given a direct Edit, then the executor is the session actor configured on the hook', () => {
    const hook = { tool_name: 'Edit', tool_input: { file_path: 'a.ts' }, cwd: '/ws' };
    const r = auditLineOf(hook, { executor: 'hermes', task: 'task-2703', commit: 'a1b2c3d4' }, TS);
    expect(r).toEqual({
      line: { ts: TS, executor: 'hermes', task_id: 'task-2703', tool: 'Edit', commit: 'a1b2c3d4' },
    });
  });
  it('given no subagent_type and no configured actor, then there is no line (never a guessed executor)', () => {
    expect(auditLineOf({ tool_name: 'Edit' }, none, TS)).toHaveProperty('problem');
    expect(auditLineOf({ tool_name: 'Task', tool_input: {} }, none, TS)).toHaveProperty('problem');
    expect(auditLineOf('not an object', none, TS)).toHaveProperty('problem');
  });
  it('reads the task of a .worktrees/<task>-<team> directory only', () => {
    expect(taskOfWorktree('/ws/.worktrees/task-2703-hermes/src')).toBe('task-2703');
    expect(taskOfWorktree('/ws/src')).toBeNull();
    expect(taskOfWorktree(null)).toBeNull();
  });
});
