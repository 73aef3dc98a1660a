// Flags shared by the harness commands.
import type { Flag } from '../cli/command.js';
import { asOfFlag } from '../cli/clock.js';
import { EXIT } from '../cli/errors.js';

export const rootFlag: Flag = {
  type: 'string',
  arg: 'dir',
  help: 'Workspace root holding memory/ and .worktrees/ (required).',
};
export const schedulerDirFlag: Flag = {
  type: 'string',
  arg: 'dir',
  help: 'Scheduler dir (schedule_history/, <schedule_id>.output, system_prompt_* files). Default: scheduler_dir of <root>/harness.config.json.',
};
export const taskFlag: Flag = { type: 'string', arg: 'id', help: 'Task id, e.g. task-2703.' };
export const sessionsFileFlag: Flag = {
  type: 'string',
  arg: 'path',
  help: 'JSON {processes:[{pid, argv}]} to read bot sessions from instead of /proc.',
};
export const procRootFlag: Flag = {
  type: 'string',
  arg: 'dir',
  help: 'Where to list processes (<dir>/<pid>/cmdline). Default: /proc on Linux; elsewhere sessions are unknown.',
};
export const controllerPromptFlag: Flag = {
  type: 'string',
  arg: 'path',
  help: "The controller's own system-prompt path (excluded from bot sessions). Default: controller_system_prompt of the config.",
};

export const workspaceFlags = {
  root: rootFlag,
  'scheduler-dir': schedulerDirFlag,
  'as-of': asOfFlag,
} as const;

export const evidenceFlags = {
  'sessions-file': sessionsFileFlag,
  'proc-root': procRootFlag,
  'controller-prompt': controllerPromptFlag,
} as const;

export const commonExits = {
  [EXIT.ok]: 'ok',
  [EXIT.error]:
    'bad input: invalid JSON or shape (file:line:byte or JSON path), corrupt log line, unreadable file',
  [EXIT.usage]: 'usage error: unknown flag, missing required flag, invalid task id',
  [EXIT.lock]: 'a log lock is held by another process past the wait',
};
