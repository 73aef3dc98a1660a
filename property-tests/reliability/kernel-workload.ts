// The kernel workload: lib/io alone. Each step appends one to three records through appendJsonl (half
// the time through a seam that writes in pieces, so kills leave real torn tails), acknowledges them,
// folds the log from its checkpoint with foldFile, writes the result with writeJsonAtomic and saves
// the checkpoint with saveFoldCheckpoint: the order every runner follows.
import * as E from 'fp-ts/lib/Either.js';
import { promises as fsp } from 'node:fs';
import { join } from 'node:path';
import type { Projection } from '../../lib/core/projection.js';
import { appendJsonl } from '../../lib/io/append.js';
import { writeJsonAtomic } from '../../lib/io/atomic.js';
import { foldFile, saveFoldCheckpoint } from '../../lib/io/fold-file.js';
import { chunkySeam } from './chunky-seam.js';
import { STALE_MS, type FoldSpec, type Layout, type StepContext, type Workload } from './workload.js';

interface KillRecord {
  readonly id: string;
  readonly gen: number;
  readonly v: number;
  readonly pad: string;
}

export interface KillState {
  readonly records: number;
  /** FNV-1a over the ids in order: a record folded twice, or out of order, changes it. */
  readonly chain: number;
  readonly lastId: string | null;
  readonly lastLine: number;
}

const fnv = (h: number, text: string): number => {
  let x = h;
  for (let i = 0; i < text.length; i += 1) x = Math.imul(x ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return x;
};

export const killProjection: Projection<KillState, KillRecord> = {
  name: 'kill-records',
  version: 1,
  initial: { records: 0, chain: 0x811c9dc5, lastId: null, lastLine: 0 },
  evolve: (s, { value, position }) => ({
    records: s.records + 1,
    chain: fnv(s.chain, `${value.id}|`),
    lastId: value.id,
    lastLine: position.line,
  }),
};

export const idOf = (v: unknown): string | null =>
  v !== null && typeof v === 'object' && typeof (v as { id?: unknown }).id === 'string'
    ? (v as { id: string }).id
    : null;

const decodeKill = (v: unknown): E.Either<string, KillRecord> =>
  idOf(v) === null ? E.left('$.id: expected string') : E.right(v as KillRecord);

const paths = (dir: string) => ({
  log: join(dir, 'log.jsonl'),
  output: join(dir, 'out', 'output.json'),
  checkpoint: join(dir, 'state', 'checkpoints', 'kill-records.json'),
});

const fold = (dir: string): FoldSpec => ({
  log: paths(dir).log,
  projection: killProjection as Projection<unknown, unknown>,
  decode: decodeKill,
});

const step = async (ctx: StepContext): Promise<void> => {
  const p = paths(ctx.dir);
  const ids = Array.from({ length: 1 + ctx.rng.int(3) }, () => ctx.nextId());
  const records = ids.map((id) => ({
    id,
    gen: ctx.gen,
    v: ctx.rng.int(1e6),
    pad: 'x'.repeat(ctx.rng.int(4000)),
  }));
  const seam = ctx.rng.chance(0.5) ? chunkySeam(ctx.rng) : undefined;
  await appendJsonl(p.log, records, { staleMs: STALE_MS, seam });
  await ctx.ack(ids);
  const r = await foldFile(p.log, killProjection, {
    checkpointPath: p.checkpoint,
    decode: decodeKill,
    skipCorrupt: true,
    digest: true,
  });
  await writeJsonAtomic(p.output, { cursor: r.cursor, state: r.state });
  await saveFoldCheckpoint(p.checkpoint, p.log, killProjection, r);
};

export const kernelWorkload: Workload = {
  name: 'kernel',
  setup: async (dir) => {
    await fsp.mkdir(dir, { recursive: true });
  },
  step,
  layout: (dir): Layout => {
    const p = paths(dir);
    return {
      logs: [{ file: p.log, idOf }],
      outputs: [{ file: p.output, foldOf: fold(dir) }],
      checkpoints: [{ file: p.checkpoint, ...fold(dir) }],
      locks: [p.log],
    };
  },
};
