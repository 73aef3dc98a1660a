// The harness lane: `harness observe --all`, `harness watchdog` and `harness collect` over a workspace
// whose tasks keep changing, as the scheduler runs them. Each step adds a task timer (and sometimes
// finishes one), then runs the three. A watchdog cycle is acknowledged once watchdog exited 0, by the
// cycle and task of each decision it printed. Checked after every kill: each acknowledged cycle is in watchdog.jsonl
// exactly once, every memory/ file parses, and the next pass succeeds.
import { promises as fsp } from 'node:fs';
import { join } from 'node:path';
import { writeJsonAtomic } from '../../lib/io/atomic.js';
import { isoAt, runOk } from './command-lane.js';
import type { Layout, StepContext, Workload } from './workload.js';

const paths = (dir: string) => {
  const root = join(dir, 'ws');
  return {
    root,
    sessions: join(dir, 'sessions.json'),
    timers: join(root, 'memory', 'task-timers.json'),
    watchdog: join(root, 'memory', 'harness', 'watchdog.jsonl'),
  };
};

/** A watchdog decision's identity: its cycle and task. */
const decisionOf = (v: unknown): string | null => {
  const d = v as { cycle?: unknown; task_id?: unknown } | null;
  return typeof d?.cycle === 'number' && typeof d.task_id === 'string'
    ? `cycle-${d.cycle}:${d.task_id}`
    : null;
};

const addTask = async (ctx: StepContext, timers: string): Promise<void> => {
  const text = await fsp.readFile(timers, 'utf8');
  const doc = JSON.parse(text) as { tasks: Record<string, { status: string; critical?: boolean }> };
  const id = `task-${3000 + ctx.gen}`;
  doc.tasks[id] = { status: 'pending', critical: ctx.rng.chance(0.5) };
  const open = Object.keys(doc.tasks).filter((k) => doc.tasks[k]?.status === 'pending');
  const done = open[ctx.rng.int(open.length)];
  if (done !== undefined && ctx.rng.chance(0.3)) doc.tasks[done] = { status: 'completed' };
  await writeJsonAtomic(timers, doc);
};

export const harnessWorkload: Workload = {
  name: 'harness',
  setup: async (dir) => {
    const p = paths(dir);
    await fsp.mkdir(join(p.root, 'memory', 'events'), { recursive: true });
    await fsp.writeFile(p.sessions, '{"processes":[]}');
    await fsp.writeFile(p.timers, JSON.stringify({ tasks: { 'task-2801': { status: 'pending' } } }));
  },
  step: async (ctx) => {
    const p = paths(ctx.dir);
    await addTask(ctx, p.timers);
    const asOf = isoAt('2026-05-29T00:00:00Z', ctx.gen);
    const common = ['--root', p.root, '--as-of', asOf];
    const o = { cwd: ctx.dir, asOf };
    await runOk(['harness', 'observe', ...common, '--all', '--sessions-file', p.sessions], o);
    const w = await runOk(['harness', 'watchdog', ...common, '--sessions-file', p.sessions], o);
    const out = JSON.parse(w.stdout) as { cycle: number; decisions: { task_id: string }[] };
    await ctx.ack(out.decisions.map((d) => `cycle-${out.cycle}:${d.task_id}`));
    await runOk(['harness', 'collect', ...common], o);
  },
  layout: (dir): Layout => {
    const p = paths(dir);
    return {
      logs: [{ file: p.watchdog, idOf: decisionOf }],
      outputs: [],
      checkpoints: [],
      locks: [p.watchdog],
      scan: [join(p.root, 'memory')],
      ageLocksUnder: p.root,
    };
  },
};
