// Reading the rows of either backend for the read-only commands.
import { stableJson } from '../../lib/core/stable-json.js';
import type { Io, Values } from '../cli/command.js';
import { writeOut } from '../cli/write-out.js';
import type { ViewRow } from '../../lib/queue/views.js';
import { listRows } from '../../lib/queue/db-store.js';
import { withDb } from './db-open.js';
import { readQueue } from './md-store.js';
import { backendOf, type Backend } from './paths.js';

/** The rows of the chosen backend, in queue order (table order, or db_store.list_items order). */
export const rowsOf = async (b: Backend): Promise<readonly ViewRow[]> => {
  if (b.kind === 'sqlite') return withDb(b.db, 'read', listRows);
  const { doc } = await readQueue(b.queue);
  return doc.rows.map((r) => r.row);
};

export const rowsFor = (v: Values, io: Io): Promise<readonly ViewRow[]> => rowsOf(backendOf(v, io));

/** With --json the document (sorted keys, pretty), else the reference's lines. */
export const printAnswer = (io: Io, v: Values, doc: unknown, lines: readonly string[]): Promise<void> =>
  v['json'] === true ? writeOut(io.stdout, stableJson(doc)) : printLines(io, lines);

/** Writes lines the way Python's print() does: each ends with a newline. */
export const printLines = (io: Io, lines: readonly string[]): Promise<void> =>
  new Promise((resolve, reject) =>
    io.stdout.write(lines.map((l) => `${l}\n`).join(''), (err) => (err ? reject(err) : resolve())),
  );
