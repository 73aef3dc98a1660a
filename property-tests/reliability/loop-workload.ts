// The loop workload: the Superloop read path as an operator runs it. Each step appends one to three
// events through appendJsonl (sometimes in pieces, so kills leave torn tails that a later append
// seals into corrupt lines), acknowledges them, then runs `loop project-state --skip-corrupt` (fold
// from checkpoint, quarantine, snapshot.json and state.json written atomically, checkpoint saved) and
// `loop poll-events --skip-corrupt` (envelopes out, cursor file saved) in-process.
import * as E from 'fp-ts/lib/Either.js';
import { promises as fsp } from 'node:fs';
import { join } from 'node:path';
import type { Projection } from '../../lib/core/projection.js';
import { decode } from '../../lib/core/codec.js';
import { appendJsonl } from '../../lib/io/append.js';
import { newlinesInRange, readRange } from '../../lib/io/byte-range.js';
import { LoopRunSnapshot, PollCursor } from '../../lib/loop/codecs.js';
import { ManagerState } from '../../lib/loop/state-codec.js';
import { loopEventsProjection } from '../../lib/loop/events-projection.js';
import { decodeLoopEventLine } from '../../lib/loop/event-guard.js';
import { runCaptured } from '../../runners/cli/capture.js';
import { loopPollEvents } from '../../runners/loop/poll-events.js';
import { loopProjectState } from '../../runners/loop/project-state.js';
import { loopSnapshot } from '../../runners/loop/snapshot.js';
import { chunkySeam } from './chunky-seam.js';
import { idOf } from './kernel-workload.js';
import { STALE_MS, type Layout, type StepContext, type Workload } from './workload.js';

export const LOOP_ID = 'kill';
export const AS_OF = '2026-02-22T12:00:00Z';
export const loopCommands = [loopSnapshot, loopProjectState, loopPollEvents];

const paths = (dir: string) => {
  const repo = join(dir, 'repo');
  const loopDir = join(repo, '.superloop', 'loops', LOOP_ID);
  const state = join(repo, '.opsfold', 'loop', LOOP_ID);
  return {
    repo,
    loopDir,
    events: join(loopDir, 'events.jsonl'),
    cursor: join(loopDir, 'ops-manager.cursor.json'),
    snapshot: join(state, 'snapshot.json'),
    quarantine: join(state, 'quarantine.jsonl'),
    checkpoint: join(state, 'checkpoints', `${loopEventsProjection.name}.json`),
    managerState: join(repo, '.superloop', 'ops-manager', LOOP_ID, 'state.json'),
  };
};

const iso = (gen: number, seq: number): string =>
  new Date(Date.UTC(2026, 1, 1) + gen * 3_600_000 + seq * 1000).toISOString().replace('.000Z', 'Z');

const run = async (argv: readonly string[], cwd: string): Promise<void> => {
  const r = await runCaptured(loopCommands, argv, { cwd, env: {}, now: () => Date.parse(AS_OF) });
  if (r.code !== 0) throw new Error(`opsfold ${argv.join(' ')} exited ${r.code}: ${r.stderr}`);
};

const step = async (ctx: StepContext): Promise<void> => {
  const p = paths(ctx.dir);
  const ids = Array.from({ length: 1 + ctx.rng.int(3) }, () => ctx.nextId());
  const events = ids.map((id, i) => ({
    timestamp: iso(ctx.gen, i),
    event: ctx.rng.chance(0.8) ? 'iteration_start' : 'tester_complete',
    loop_id: LOOP_ID,
    run_id: 'run-kill',
    iteration: ctx.gen,
    id,
  }));
  const seam = ctx.rng.chance(0.3) ? chunkySeam(ctx.rng) : undefined;
  await appendJsonl(p.events, events, { staleMs: STALE_MS, seam });
  await ctx.ack(ids);
  const common = ['--repo', p.repo, '--loop', LOOP_ID, '--as-of', AS_OF, '--skip-corrupt'];
  await run(['loop', 'project-state', ...common], ctx.dir);
  await run(['loop', 'poll-events', ...common], ctx.dir);
};

const codecCheck =
  (name: string, ok: (v: unknown) => boolean) =>
  async (v: unknown): Promise<string | null> =>
    ok(v) ? null : `not a valid ${name}`;

/** The poll cursor sits on a line boundary and counts exactly the newlines before it. */
const cursorCheck = (events: string) => async (v: unknown) => {
  const d = decode(PollCursor, v);
  if (E.isLeft(d)) return d.left.message;
  const { eventByteOffset: at, eventLineOffset: lines } = d.right as {
    eventByteOffset?: number;
    eventLineOffset: number;
  };
  if (at === undefined) return 'no eventByteOffset';
  const before = at === 0 ? Buffer.from('\n') : await readRange(events, at - 1, at);
  if (before[0] !== 0x0a) return `eventByteOffset ${at} is not on a line boundary`;
  const counted = await newlinesInRange(events, 0, at);
  return counted === lines ? null : `eventLineOffset ${lines} but ${counted} newlines before byte ${at}`;
};

const quarantineKey = (v: unknown): string => {
  const q = v as { file?: unknown; line?: unknown; byteOffset?: unknown };
  return `${String(q.file)}:${String(q.line)}:${String(q.byteOffset)}`;
};

export const loopWorkload: Workload = {
  name: 'loop',
  setup: async (dir) => {
    const p = paths(dir);
    await fsp.mkdir(p.loopDir, { recursive: true });
    const start = { timestamp: iso(0, 0), event: 'loop_start', loop_id: LOOP_ID, run_id: 'run-kill' };
    await fsp.writeFile(p.events, `${JSON.stringify(start)}\n`);
  },
  step,
  layout: (dir): Layout => {
    const p = paths(dir);
    const fold = {
      log: p.events,
      projection: loopEventsProjection as Projection<unknown, unknown>,
      decode: decodeLoopEventLine,
    };
    return {
      logs: [{ file: p.events, idOf }],
      outputs: [
        { file: p.snapshot, check: codecCheck('loop_run_snapshot', (v) => LoopRunSnapshot.is(v)) },
        { file: p.managerState, check: codecCheck('manager state', (v) => ManagerState.is(v)) },
        { file: p.cursor, check: cursorCheck(p.events) },
        { file: p.quarantine, jsonlKey: quarantineKey },
      ],
      checkpoints: [{ file: p.checkpoint, ...fold }],
      locks: [p.events, p.quarantine],
    };
  },
};
