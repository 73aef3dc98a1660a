// The reconcile lane: a loop whose events keep arriving, reconciled with escalations and alert
// dispatch (the shipped sink config) the way the manager's timer runs it. Each step appends one to
// three events (acknowledged once the append resolved), then runs `loop reconcile --skip-corrupt`.
// Checked after every kill: acknowledged events once in the log; every manager file, telemetry log,
// escalation and alert delivery parses; the next pass succeeds (taking over the loop lock a kill left).
import { join } from 'node:path';
import { appendJsonl } from '../../lib/io/append.js';
import { copyFixture, isoAt, runOk } from './command-lane.js';
import { idOf } from './kernel-workload.js';
import { STALE_MS, type Layout, type StepContext, type Workload } from './workload.js';

const LOOP = 'running';
export const RECONCILE_AS_OF = '2026-02-22T12:00:00Z';

export const loopRepo = (dir: string) => {
  const repo = join(dir, 'repo');
  return { repo, events: join(repo, '.superloop', 'loops', LOOP, 'events.jsonl') };
};

/** Appends one to three `iteration_start` events carrying fresh ids and acknowledges them. */
export const appendEvents = async (ctx: StepContext, events: string): Promise<void> => {
  const ids = Array.from({ length: 1 + ctx.rng.int(3) }, () => ctx.nextId());
  const records = ids.map((id, i) => ({
    timestamp: isoAt('2026-02-01T00:00:00Z', ctx.gen, i),
    event: 'iteration_start',
    loop_id: LOOP,
    run_id: 'run-kill',
    iteration: ctx.gen,
    id,
  }));
  await appendJsonl(events, records, { staleMs: STALE_MS });
  await ctx.ack(ids);
};

export const loopArgs = (repo: string): string[] => ['--repo', repo, '--loop', LOOP];

export const loopLayout = (dir: string): Layout => {
  const { repo, events } = loopRepo(dir);
  return {
    logs: [{ file: events, idOf }],
    outputs: [],
    checkpoints: [],
    locks: [events],
    scan: [join(repo, '.superloop', 'ops-manager'), join(repo, '.opsfold')],
    ageLocksUnder: join(repo, '.opsfold'),
  };
};

export const reconcileWorkload: Workload = {
  name: 'reconcile',
  setup: (dir) => copyFixture('loop/running', loopRepo(dir).repo),
  step: async (ctx) => {
    const { repo, events } = loopRepo(ctx.dir);
    await appendEvents(ctx, events);
    await runOk(['loop', 'reconcile', ...loopArgs(repo), '--as-of', RECONCILE_AS_OF, '--skip-corrupt'], {
      cwd: ctx.dir,
      asOf: RECONCILE_AS_OF,
    });
  },
  layout: loopLayout,
};
