// The cycle lane: `cycle run` with the built-in mock worker while new tickets keep being requested.
// Each step appends one OPEN ticket request (acknowledged once the append resolved) and runs one cycle
// a minute of run time after the last, so the runner lock a kill left is stale by the origin's 60 s
// rule. Checked after every kill: every acknowledged request is in ticket_requests.jsonl exactly once;
// every state file, ticket log, report and snapshot parses; and the next cycle succeeds.
import { join } from 'node:path';
import { appendJsonl } from '../../lib/io/append.js';
import { copyFixture, isoAt, runOk } from './command-lane.js';
import { STALE_MS, type Layout, type Workload } from './workload.js';

const rootOf = (dir: string): string => join(dir, 'root');
const requestsOf = (dir: string): string => join(rootOf(dir), 'state', 'tickets', 'ticket_requests.jsonl');

const requestId = (v: unknown): string | null => {
  const id = (v as { request_id?: unknown } | null)?.request_id;
  return typeof id === 'string' && id.startsWith('kill-') ? id : null;
};

let steps = 0;

export const cycleWorkload: Workload = {
  name: 'cycle',
  setup: (dir) => copyFixture('cycle/roots/mock-queue', rootOf(dir)),
  step: async (ctx) => {
    const id = `kill-${ctx.nextId()}`;
    const at = isoAt('2026-03-02T00:00:00Z', ctx.gen, steps * 61);
    steps += 1;
    const request = {
      schema: 'TICKET_REQUEST_V1',
      request_id: id,
      requested_at: at.replace('Z', '.000000'),
      request_type: ctx.rng.chance(0.5) ? 'REQUEST_REPORTS' : 'ACKNOWLEDGE',
      payload: { reason: 'kill harness', message_id: id },
      status: 'OPEN',
      trace_id: null,
    };
    await appendJsonl(requestsOf(ctx.dir), [request], { staleMs: STALE_MS });
    await ctx.ack([id]);
    await runOk(['cycle', 'run', '--root', rootOf(ctx.dir), '--as-of', at, '--tz', 'UTC'], {
      cwd: ctx.dir,
      asOf: at,
    });
  },
  layout: (dir): Layout => ({
    logs: [{ file: requestsOf(dir), idOf: requestId }],
    outputs: [],
    checkpoints: [],
    locks: [requestsOf(dir)],
    scan: [join(rootOf(dir), 'state'), join(rootOf(dir), 'reports')],
    ageLocksUnder: rootOf(dir),
  }),
};
