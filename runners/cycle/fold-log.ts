// Folds one JSONL log through a projection, from the start or from an earlier (state, cursor), with the
// kernel's reader (torn tail held back). Bad lines never stop the fold: they come back with their
// file:line:byte so the cycle can report them and fail closed where it must. A missing log is empty.
import type { Either } from 'fp-ts/lib/Either.js';
import { cursorStart, type Cursor } from '../../lib/core/position.js';
import type { Positioned, Projection } from '../../lib/core/projection.js';
import { promises as fsp } from 'node:fs';
import type { BadLine } from '../../lib/cycle/log-problems.js';
import { confine } from '../../lib/io/confine.js';
import { iterateJsonlBatches, type JsonlItem } from '../../lib/io/jsonl.js';

/** One log: where it is, how the cycle names it, and how its lines are decoded and folded. */
export interface LogSpec<S, Ev> {
  /** The root the log must stay under (a symlink out of it is refused, not read). */
  readonly root: string;
  readonly file: string;
  readonly shown: string;
  readonly projection: Projection<S, Ev>;
  readonly decode: (v: unknown) => Either<string, Ev>;
}

export interface FoldFrom<S> {
  readonly state: S;
  readonly cursor: Cursor;
}

export interface Folded<S, Ev> extends FoldFrom<S> {
  /** The records folded by this call, in order (what a worker appended, when folding from a cursor). */
  readonly records: readonly Positioned<Ev>[];
  readonly bad: readonly BadLine[];
  /** Set when the file could not be read at all (permissions, a directory …). */
  readonly unreadable: string | null;
}

interface Acc<S, Ev> {
  state: S;
  records: Positioned<Ev>[];
  bad: BadLine[];
}

const take = <S, Ev>(log: LogSpec<S, Ev>, acc: Acc<S, Ev>, items: readonly JsonlItem<Ev>[]): void => {
  for (const item of items) {
    if (item.kind === 'corrupt') {
      acc.bad.push({ file: log.shown, ...item.position, reason: item.reason });
      continue;
    }
    const event = { value: item.value, position: item.position };
    acc.state = log.projection.evolve(acc.state, event);
    acc.records.push(event);
  }
};

// A log outside the root, or a FIFO or device (whose read could block forever), is not read at all.
const refusal = async (log: { root: string; file: string; shown: string }): Promise<string | null> => {
  const c = await confine(log.root, log.file);
  if (!c.ok) return `${log.shown}: refused: ${c.reason}`;
  const st = await fsp.stat(c.real).catch(() => null);
  if (st === null || st.isFile() || st.isDirectory()) return null;
  return `${log.shown}: refused: not a regular file`;
};

/** Folds the log from `from` (default: the projection's initial state at the start of the file). */
export const foldLog = async <S, Ev>(log: LogSpec<S, Ev>, from?: FoldFrom<S>): Promise<Folded<S, Ev>> => {
  const start = from ?? { state: log.projection.initial, cursor: cursorStart };
  const acc: Acc<S, Ev> = { state: start.state, records: [], bad: [] };
  const refused = await refusal(log);
  if (refused !== null) return { ...start, records: [], bad: [], unreadable: refused };
  let cursor = start.cursor;
  let unreadable: string | null = null;
  try {
    const batches = iterateJsonlBatches<Ev>(log.file, {
      from: start.cursor,
      decode: log.decode,
      skipCorrupt: true,
    });
    for await (const batch of batches) {
      take(log, acc, batch.items);
      cursor = batch.cursor;
    }
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    if (e.code !== 'ENOENT') unreadable = `${log.shown}: ${e.code ?? e.message}`;
  }
  return { state: acc.state, cursor, records: acc.records, bad: acc.bad, unreadable };
};
