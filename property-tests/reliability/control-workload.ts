// The control lane: `loop control` carrying out intents on a loop while its events keep arriving.
// Each step appends events (acknowledged), then runs one intent under a fresh idempotency key and
// acknowledges the key once control exited 0. Checked after every kill: every acknowledged key is in
// intents.jsonl exactly once (a key control was killed before confirming may be there or not, never
// twice), events once, every manager file and audit log parses, and the next control succeeds.
import { join } from 'node:path';
import { appendEvents, loopArgs, loopLayout, loopRepo, RECONCILE_AS_OF } from './reconcile-workload.js';
import { copyFixture, runOk } from './command-lane.js';
import type { Layout, Workload } from './workload.js';

const INTENTS = ['cancel', 'approve', 'reject'] as const;

const keyOf = (v: unknown): string | null => {
  const k = (v as { idempotencyKey?: unknown } | null)?.idempotencyKey;
  return typeof k === 'string' ? k : null;
};

export const controlWorkload: Workload = {
  name: 'control',
  setup: (dir) => copyFixture('loop/running', loopRepo(dir).repo),
  step: async (ctx) => {
    const { repo, events } = loopRepo(ctx.dir);
    await appendEvents(ctx, events);
    const key = `key-${ctx.nextId()}`;
    const intent = INTENTS[ctx.rng.int(INTENTS.length)] ?? 'cancel';
    const r = await runOk(
      [
        'loop',
        'control',
        ...loopArgs(repo),
        '--intent',
        intent,
        '--idempotency-key',
        key,
        '--timeout-seconds',
        '0',
        '--as-of',
        RECONCILE_AS_OF,
      ],
      // 1: the intent did not apply (no pending approval to decide): nothing to acknowledge.
      { cwd: ctx.dir, asOf: RECONCILE_AS_OF, ok: [0, 1] },
    );
    if (r.code === 0) await ctx.ack([key]);
  },
  layout: (dir): Layout => {
    const base = loopLayout(dir);
    const intents = join(loopRepo(dir).repo, '.superloop', 'ops-manager', 'running', 'intents.jsonl');
    return { ...base, logs: [...base.logs, { file: intents, idOf: keyOf }] };
  },
};
