// The runtime actor audit (seed 004 §7.2 L3, §7.4 "Task tool subagent_type / 직접 Edit 시 actor 자동 분류
// → JSONL audit"): one line per tool call, from a PreToolUse hook's input. The executor is identified by
// code: a Task tool call names it in `tool_input.subagent_type`; any other call is the session's own
// actor, configured on the hook. Pure: the runner reads stdin and appends the line.
import type { ActorAuditLine } from './input-codecs.js';

/** How the hook is configured: the session's actor, the task (else read from the worktree), a commit. */
export interface AuditHookConfig {
  readonly executor: string | null;
  readonly task: string | null;
  readonly commit: string | null;
}

const text = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);

const objectOf = (v: unknown): Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : {};

/** Pure: the task of a `.worktrees/<task>-<team>` working directory (`task-N` ids only). */
export const taskOfWorktree = (cwd: string | null): string | null =>
  cwd === null ? null : (/[\\/]\.worktrees[\\/](task-\d+)-[^\\/]+/.exec(cwd)?.[1] ?? null);

/**
 * Pure: the audit line of one hook call at `ts`, or why there is none (the executor cannot be
 * identified: no Task subagent_type and no configured actor).
 */
export const auditLineOf = (
  hookInput: unknown,
  c: AuditHookConfig,
  ts: string,
): { readonly line: ActorAuditLine } | { readonly problem: string } => {
  const h = objectOf(hookInput);
  const tool = text(h['tool_name']);
  const subagent = tool === 'Task' ? text(objectOf(h['tool_input'])['subagent_type']) : null;
  const executor = subagent ?? c.executor;
  if (executor === null)
    return { problem: 'no executor: not a Task call with subagent_type, and no --executor configured' };
  const task = c.task ?? taskOfWorktree(text(h['cwd']));
  const line: ActorAuditLine = {
    ts,
    executor,
    ...(task === null ? {} : { task_id: task }),
    ...(tool === null ? {} : { tool }),
    ...(subagent === null ? {} : { subagent_type: subagent }),
    ...(c.commit === null ? {} : { commit: c.commit }),
  };
  return { line };
};
