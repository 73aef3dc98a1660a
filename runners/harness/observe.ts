// opsfold harness observe: one observation per task appended to memory/harness/observations.jsonl,
// printed with the spawn state it gives and the signals that state rests on.
import { stableJson } from '../../lib/core/stable-json.js';
import { asOfOf } from '../cli/clock.js';
import type { Command } from '../cli/command.js';
import { usageError } from '../cli/errors.js';
import { writeOut } from '../cli/write-out.js';
import { commonExits, evidenceFlags, taskFlag, workspaceFlags } from './flags.js';
import { knownTasks, observeTasks } from '../../lib/harness/observe-pass.js';
import { contextOf } from './processes.js';
import { checkTaskId, workspaceOf } from './workspace.js';

export const harnessObserve: Command = {
  path: ['harness', 'observe'],
  prints: 'json',
  title: 'append an observation of a task (the eight spawn signals) and print its spawn state',
  usage: '--root <dir> (--task <id>… | --all) [--scheduler-dir D] [--sessions-file F] [--as-of RFC3339]',
  summary:
    'Collect the eight signals of seed 004 §1.2 for each task (task id, schedule_id, bot_key hash, bot session, ' +
    'timer status, worktree/artifact mtimes, bot output, schedule history), append one observation per task to ' +
    'memory/harness/observations.jsonl, update the spawn-state sidecar of the dispatch marker when the state ' +
    'changed, and print each spawn state (9-enum) with the signals it used.',
  flags: {
    ...workspaceFlags,
    ...evidenceFlags,
    task: { ...taskFlag, multiple: true, help: 'Task id to observe (repeatable).' },
    all: {
      type: 'boolean',
      help: 'Observe every task in task-timers.json or with markers in memory/events.',
    },
  },
  exits: commonExits,
  notes: [
    "Sessions are processes whose argv names a system_prompt_<hex>_<n> file other than the controller's own and",
    'whose prompt names the task or its schedule_id; raw bot keys are never read or stored.',
  ],
  async run(v, _pos, io) {
    const ws = await workspaceOf(v, io);
    const asOf = asOfOf(v, io);
    const ctx = await contextOf(ws, v, io);
    const given = (v['task'] as string[] | undefined) ?? [];
    if (given.length === 0 && v['all'] !== true) throw usageError('--task or --all is required');
    const ids = v['all'] === true ? await knownTasks(ctx) : given.map(checkTaskId);
    const { observations, state } = await observeTasks(ctx, ids, asOf.ms);
    const tasks = observations.map((o) => ({
      task_id: o.task_id,
      spawn_state: state.tasks[o.task_id]?.spawn ?? 'UNKNOWN',
      signals: state.tasks[o.task_id]?.signals ?? [],
      observation: o,
    }));
    await writeOut(io.stdout, stableJson({ as_of: asOf.iso, tasks }));
    return 0;
  },
};
