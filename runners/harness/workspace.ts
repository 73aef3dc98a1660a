// The workspace layout of seed 004 under --root: memory/task-timers.json, memory/events/, .worktrees/,
// memory/reports/, and opsfold's own logs under memory/harness/. The scheduler directory has no default:
// it comes from --scheduler-dir or `scheduler_dir` in <root>/harness.config.json.
import { join, resolve } from 'node:path';
import { configOf, configProblems, type HarnessConfig } from '../../lib/harness/config.js';
import { HarnessConfigFile, TaskTimers, type TaskTimers as Timers } from '../../lib/harness/input-codecs.js';
import { fileStore, type Store } from '../../lib/io/store.js';
import { required, str, type Io, type Values } from '../cli/command.js';
import { CliError } from '../cli/errors.js';
import { readDecoded } from './edge.js';

export interface Workspace {
  readonly root: string;
  /** Every workspace document and log is read and written through this, confined to the root. */
  readonly store: Store;
  readonly eventsDir: string;
  readonly timersFile: string;
  readonly reportsDir: string;
  readonly tasksDir: string;
  readonly worktreesDir: string;
  readonly harnessDir: string;
  readonly observationsLog: string;
  readonly watchdogLog: string;
  readonly collectLog: string;
  readonly finishDir: string;
  readonly schedulerDir: string | null;
  readonly config: HarnessConfig;
}

/** The workspace of --root, with harness.config.json applied and --scheduler-dir taking precedence. */
export const workspaceOf = async (v: Values, io: Io): Promise<Workspace> => {
  const root = resolve(io.cwd, required(v, 'root'));
  const store = fileStore(root);
  const file =
    (await readDecoded(store, join(root, 'harness.config.json'), HarnessConfigFile, 'harness config')) ?? {};
  const config = configOf(file);
  const problems = configProblems(config);
  if (problems.length > 0)
    throw new CliError(`invalid harness config: ${join(root, 'harness.config.json')}`, problems);
  const flagDir = str(v, 'scheduler-dir');
  const dir = flagDir !== undefined ? resolve(io.cwd, flagDir) : config.schedulerDir;
  const harnessDir = join(root, 'memory', 'harness');
  return {
    root,
    store,
    eventsDir: join(root, 'memory', 'events'),
    timersFile: join(root, 'memory', 'task-timers.json'),
    reportsDir: join(root, 'memory', 'reports'),
    tasksDir: join(root, 'memory', 'tasks'),
    worktreesDir: join(root, '.worktrees'),
    harnessDir,
    observationsLog: join(harnessDir, 'observations.jsonl'),
    watchdogLog: join(harnessDir, 'watchdog.jsonl'),
    collectLog: join(harnessDir, 'collect.jsonl'),
    finishDir: join(harnessDir, 'finish'),
    schedulerDir: dir === null ? null : resolve(root, dir),
    config,
  };
};

/** memory/task-timers.json, or no tasks when it does not exist. */
export const readTimers = async (ws: Workspace): Promise<Timers> =>
  (await readDecoded(ws.store, ws.timersFile, TaskTimers, 'task timers')) ?? { tasks: {} };

const TASK_ID = /^[A-Za-z0-9][A-Za-z0-9_-]*$/;

/** A task id usable as a file-name prefix (no dots, no slashes): usage error otherwise. */
export const checkTaskId = (taskId: string): string => {
  if (!TASK_ID.test(taskId))
    throw new CliError(
      `invalid task id: ${taskId}`,
      ['a task id is one name of letters, digits, - and _'],
      64,
    );
  return taskId;
};
