// The workspace of seed 004 under --root (layout in lib/harness/workspace.ts), with harness.config.json
// applied. The scheduler directory has no default: it comes from --scheduler-dir or `scheduler_dir` in
// <root>/harness.config.json.
import { join, resolve } from 'node:path';
import { configOf, configProblems } from '../../lib/harness/config.js';
import { HarnessConfigFile, TaskTimers } from '../../lib/harness/input-codecs.js';
import { isTaskId, workspaceLayout, type Workspace } from '../../lib/harness/workspace.js';
import { fileStore, type Store } from '../../lib/io/store.js';
import { required, str, type Io, type Values } from '../cli/command.js';
import { CliError } from '../cli/errors.js';
import { foundOr } from '../cli/json-doc.js';
import { workspaceFs } from './workspace-fs.js';

export type { Workspace } from '../../lib/harness/workspace.js';

/** memory/task-timers.json, or no tasks when it does not exist. */
const readTimers = (store: Store) => async (file: string) => {
  const got = foundOr(await store.read(file, TaskTimers), `invalid task timers: ${file}`, file);
  return got.found ? got.value : { tasks: {} };
};

/** The workspace of --root, with harness.config.json applied and --scheduler-dir taking precedence. */
export const workspaceOf = async (v: Values, io: Io): Promise<Workspace> => {
  const root = resolve(io.cwd, required(v, 'root'));
  const store = fileStore(root);
  const file = join(root, 'harness.config.json');
  const read = foundOr(await store.read(file, HarnessConfigFile), `invalid harness config: ${file}`, file);
  const config = configOf(read.found ? read.value : {});
  const problems = configProblems(config);
  if (problems.length > 0) throw new CliError(`invalid harness config: ${file}`, problems);
  const flagDir = str(v, 'scheduler-dir');
  const dir = flagDir !== undefined ? resolve(io.cwd, flagDir) : config.schedulerDir;
  const schedulerDir = dir === null ? null : resolve(root, dir);
  return workspaceLayout({
    root,
    store,
    fs: workspaceFs(store),
    readTimers: readTimers(store),
    config,
    schedulerDir,
  });
};

/** A task id usable as a file-name prefix (no dots, no slashes): usage error otherwise. */
export const checkTaskId = (taskId: string): string => {
  if (!isTaskId(taskId))
    throw new CliError(
      `invalid task id: ${taskId}`,
      ['a task id is one name of letters, digits, - and _'],
      64,
    );
  return taskId;
};
