// The checks the kill harness runs after every kill, over a workload's layout: every acknowledged id is
// in its log exactly once; every output parses (and passes its own check); every checkpoint sits on a
// line boundary, equals a fresh fold of exactly the bytes before its cursor (state, line count and
// digest), and resumes to the same result as a full replay. A torn tail is never consumed: a cursor
// past it would not be on a line boundary, and a state including it would differ from the fresh fold.
import { createHash } from 'node:crypto';
import { existsSync, promises as fsp } from 'node:fs';
import { join } from 'node:path';
import { stableJson } from '../../lib/core/stable-json.js';
import { Sha256Hasher } from '../../lib/core/sha256.js';
import type { Cursor } from '../../lib/core/position.js';
import { readRange } from '../../lib/io/byte-range.js';
import { loadCheckpoint } from '../../lib/io/checkpoints.js';
import { foldFile } from '../../lib/io/fold-file.js';
import { iterateJsonlBatches } from '../../lib/io/jsonl.js';
import { scanOutputs } from './scan-outputs.js';
import {
  ackFileOf,
  type CheckpointSpec,
  type LogSpec,
  type FoldSpec,
  type Layout,
  type OutputSpec,
} from './workload.js';

export interface Check {
  readonly acknowledged: number;
  readonly lost: string[];
  readonly duplicated: string[];
  readonly unparsable: string[];
  readonly mismatches: string[];
  readonly tornTails: number;
  readonly corruptLines: number;
  readonly orphanTemps: number;
  readonly quarantineRepeats: number;
}

/** Complete lines of a text file; a last line without `\n` was never acknowledged. */
const completeLines = async (file: string): Promise<string[]> => {
  const text = await fsp.readFile(file, 'utf8').catch(() => '');
  return text.split('\n').slice(0, -1);
};

/** A fresh fold of the complete lines in [0, until) of the log. */
export const foldPrefix = async (
  spec: FoldSpec,
  until?: number,
): Promise<{ state: unknown; cursor: Cursor }> => {
  let state = spec.projection.initial;
  let cursor: Cursor = { byteOffset: 0, lines: 0 };
  for await (const b of iterateJsonlBatches(spec.log, { decode: spec.decode, skipCorrupt: true, until })) {
    for (const item of b.items) if (item.kind === 'record') state = spec.projection.evolve(state, item);
    cursor = b.cursor;
  }
  return { state, cursor };
};

const same = (a: unknown, b: unknown): boolean => stableJson(a) === stableJson(b);

const onBoundary = async (file: string, at: number): Promise<boolean> =>
  at === 0 || (await readRange(file, at - 1, at))[0] === 0x0a;

const countLog = async ({ file, idOf, ids }: LogSpec, c: Counts) => {
  if (ids !== undefined) {
    for (const id of await ids()) c.ids.set(id, (c.ids.get(id) ?? 0) + 1);
    return;
  }
  if (!existsSync(file)) return;
  for await (const b of iterateJsonlBatches(file, { skipCorrupt: true })) {
    for (const item of b.items) {
      if (item.kind === 'corrupt') c.corrupt += 1;
      const id = item.kind === 'record' ? idOf(item.value) : null;
      if (id !== null) c.ids.set(id, (c.ids.get(id) ?? 0) + 1);
    }
    if (b.end?.tornTail) c.torn += 1;
  }
};

interface Counts {
  ids: Map<string, number>;
  corrupt: number;
  torn: number;
}

/** Problems of a `{cursor, state}` (or checkpoint) claim against a fresh fold of the same bytes. */
const claimProblems = async (what: string, spec: FoldSpec, claim: { cursor: Cursor; state: unknown }) => {
  const out: string[] = [];
  if (!(await onBoundary(spec.log, claim.cursor.byteOffset)))
    out.push(
      `${what}: cursor ${claim.cursor.byteOffset} is not on a line boundary (a torn tail was consumed)`,
    );
  const fresh = await foldPrefix(spec, claim.cursor.byteOffset);
  if (!same(fresh.cursor, claim.cursor))
    out.push(`${what}: cursor ${stableJson(claim.cursor, false)} != ${stableJson(fresh.cursor, false)}`);
  if (!same(fresh.state, claim.state)) out.push(`${what}: state differs from a fresh fold of the same bytes`);
  return out;
};

/** How many entries of a JSONL side file repeat an earlier one's key; a corrupt line is unparsable. */
const jsonlRepeats = async (file: string, keyOf: (v: unknown) => string, r: { unparsable: string[] }) => {
  const keys = new Map<string, number>();
  try {
    for await (const b of iterateJsonlBatches(file)) {
      const values = b.items.flatMap((i) => (i.kind === 'record' ? [i.value] : []));
      for (const v of values) keys.set(keyOf(v), (keys.get(keyOf(v)) ?? 0) + 1);
    }
  } catch (err) {
    r.unparsable.push(`${file}: ${(err as Error).message}`);
  }
  return [...keys.values()].reduce((n, k) => n + k - 1, 0);
};

const checkOutput = async (
  o: OutputSpec,
  r: { unparsable: string[]; mismatches: string[] },
): Promise<number> => {
  if (!existsSync(o.file)) return 0;
  if (o.jsonlKey !== undefined) return jsonlRepeats(o.file, o.jsonlKey, r);
  let value: unknown;
  try {
    value = JSON.parse(await fsp.readFile(o.file, 'utf8'));
  } catch (err) {
    r.unparsable.push(`${o.file}: ${(err as Error).message}`);
    return 0;
  }
  const problem = o.check === undefined ? null : await o.check(value);
  if (problem !== null) r.unparsable.push(`${o.file}: ${problem}`);
  if (o.foldOf !== undefined) r.mismatches.push(...(await claimProblems(o.file, o.foldOf, value as never)));
  return 0;
};

const checkCheckpoint = async (c: CheckpointSpec, r: { unparsable: string[]; mismatches: string[] }) => {
  const { name, version } = c.projection;
  const loaded = await loadCheckpoint<unknown>(c.file, name, version);
  if (loaded.note !== null) r.unparsable.push(loaded.note);
  const cp = loaded.checkpoint;
  if (cp === null) return;
  r.mismatches.push(...(await claimProblems(c.file, c, cp)));
  if (cp.digest !== undefined) {
    const want = createHash('sha256')
      .update(await readRange(c.log, 0, cp.cursor.byteOffset))
      .digest('hex');
    if (Sha256Hasher.from(cp.digest).digest() !== want)
      r.mismatches.push(`${c.file}: digest differs from the bytes before its cursor`);
  }
  const opts = { decode: c.decode, skipCorrupt: true, digest: cp.digest !== undefined };
  try {
    const resumed = await foldFile(c.log, c.projection, { ...opts, checkpointPath: c.file });
    const replayed = await foldFile(c.log, c.projection, { ...opts, fromStart: true });
    if (
      !same(
        [resumed.state, resumed.cursor, resumed.digest],
        [replayed.state, replayed.cursor, replayed.digest],
      )
    )
      r.mismatches.push(`${c.file}: resuming gives another result than a full replay`);
  } catch (err) {
    r.mismatches.push(`${c.file}: resuming failed: ${(err as Error).message}`);
  }
};

const TEMP = /^\..+\.\d+\.[0-9a-f]{12}\.tmp$/;

const countTemps = async (dir: string): Promise<number> => {
  let n = 0;
  for (const e of await fsp.readdir(dir, { withFileTypes: true })) {
    if (e.isDirectory()) n += await countTemps(join(dir, e.name));
    else if (TEMP.test(e.name)) n += 1;
  }
  return n;
};

/** Runs every check over `dir` (no child may be running). */
export const verify = async (dir: string, layout: Layout): Promise<Check> => {
  const acked = await completeLines(ackFileOf(dir));
  const counts: Counts = { ids: new Map(), corrupt: 0, torn: 0 };
  for (const log of layout.logs) await countLog(log, counts);
  const r = { unparsable: [] as string[], mismatches: [] as string[] };
  let repeats = 0;
  for (const o of layout.outputs) repeats += await checkOutput(o, r);
  for (const c of layout.checkpoints) await checkCheckpoint(c, r);
  for (const d of layout.scan ?? []) r.unparsable.push(...(await scanOutputs(d)));
  return {
    acknowledged: acked.length,
    lost: acked.filter((id) => !counts.ids.has(id)),
    duplicated: [...counts.ids].filter(([, n]) => n > 1).map(([id]) => id),
    ...r,
    tornTails: counts.torn,
    corruptLines: counts.corrupt,
    orphanTemps: await countTemps(dir),
    quarantineRepeats: repeats,
  };
};
