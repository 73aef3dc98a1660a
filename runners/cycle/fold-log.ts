// Folds one JSONL log through a projection, from the start or from an earlier (state, cursor), with the
// kernel's reader (torn tail held back). Bad lines never stop the fold: they come back with their
// file:line:byte so the cycle can report them and fail closed where it must. A missing log is empty.
// This is the cycle ports' `fold` (lib/cycle/ports.ts) over the root's files.
import { promises as fsp } from 'node:fs';
import { join } from 'node:path';
import { cursorStart } from '../../lib/core/position.js';
import type { BadLine } from '../../lib/cycle/log-problems.js';
import type { FoldFrom, Folded, LogSpec } from '../../lib/cycle/ports.js';
import type { Positioned } from '../../lib/core/projection.js';
import { confine } from '../../lib/io/confine.js';
import { iterateJsonlBatches, type JsonlItem } from '../../lib/io/jsonl.js';

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

/**
 * Folds the log `log.shown` under `root` (a symlink out of it is refused, not read) from `from`
 * (default: the projection's initial state at the start of the file).
 */
export const foldLog = async <S, Ev>(
  root: string,
  spec: LogSpec<S, Ev>,
  from?: FoldFrom<S>,
): Promise<Folded<S, Ev>> => {
  const log = { ...spec, root, file: join(root, spec.shown) };
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
