// The fleet lane: `fleet reconcile`, `fleet policy` and `fleet handoff` over a
// fleet of three loops whose events keep arriving. Each step appends events to one loop (acknowledged),
// then runs the three under a fresh trace id (handoff plans; the healthy fixture's policy is not guarded_auto). Checked after every kill: acknowledged events once,
// every fleet and loop manager file parses, and the next round succeeds (fleet locks taken over).
import { join } from 'node:path';
import { appendJsonl } from '../../lib/io/append.js';
import { copyFixture, isoAt, runOk } from './command-lane.js';
import { idOf } from './kernel-workload.js';
import { STALE_MS, type Layout, type Workload } from './workload.js';

const LOOPS = ['loop-alpha', 'loop-beta', 'loop-gamma'] as const;
const AS_OF = '2026-02-22T12:00:00Z';

const repoOf = (dir: string): string => join(dir, 'repo');
const eventsOf = (dir: string, loop: string): string =>
  join(repoOf(dir), '.superloop', 'loops', loop, 'events.jsonl');

export const fleetWorkload: Workload = {
  name: 'fleet',
  setup: (dir) => copyFixture('fleet/healthy', repoOf(dir)),
  step: async (ctx) => {
    const loop = LOOPS[ctx.rng.int(LOOPS.length)] ?? 'loop-alpha';
    const ids = Array.from({ length: 1 + ctx.rng.int(3) }, () => ctx.nextId());
    const records = ids.map((id, i) => ({
      timestamp: isoAt('2026-02-01T00:00:00Z', ctx.gen, i),
      event: 'iteration_start',
      loop_id: loop,
      run_id: 'run-kill',
      iteration: ctx.gen,
      id,
    }));
    await appendJsonl(eventsOf(ctx.dir, loop), records, { staleMs: STALE_MS });
    await ctx.ack(ids);
    const repo = repoOf(ctx.dir);
    const o = { cwd: ctx.dir, asOf: AS_OF };
    await runOk(['fleet', 'reconcile', '--repo', repo, '--trace-id', `t-${ctx.gen}`, '--as-of', AS_OF], o);
    await runOk(['fleet', 'policy', '--repo', repo, '--as-of', AS_OF], o);
    await runOk(['fleet', 'handoff', '--repo', repo, '--as-of', AS_OF], o);
  },
  layout: (dir): Layout => ({
    logs: LOOPS.map((l) => ({ file: eventsOf(dir, l), idOf })),
    outputs: [],
    checkpoints: [],
    locks: LOOPS.map((l) => eventsOf(dir, l)),
    scan: [join(repoOf(dir), '.superloop', 'ops-manager'), join(repoOf(dir), '.opsfold')],
    ageLocksUnder: repoOf(dir),
  }),
};
