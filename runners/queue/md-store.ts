// The markdown backend: QUEUE.md read as the reference reads it, and mutated under `<QUEUE.md>.lock`
// (waiting up to 10 s for another writer): re-read, decide, append the audit line, then replace the
// file atomically with only the touched row's bytes changed. The audit line goes first, so a crash
// between the two leaves a change recorded rather than a change unrecorded.
import { existsSync, promises as fsp } from 'node:fs';
import * as E from 'fp-ts/lib/Either.js';
import { CliError } from '../cli/errors.js';
import { appendJsonl } from '../../lib/io/append.js';
import { writeFileAtomic } from '../../lib/io/atomic.js';
import { withLock } from '../../lib/io/lock.js';
import { decideMarkdown, type MdEffect, type QueueCommand, type Refusal } from '../../lib/queue/decide.js';
import {
  newQueueMarkdown,
  parseQueueMarkdown,
  renderRow,
  replaceLine,
  replaceRows,
  sanitizeCell,
  type QueueDoc,
} from '../../lib/queue/markdown.js';
import { HEADER_PREFIX, ROW_FIELDS, type QueueRow } from '../../lib/queue/row.js';
import type { AuditLine } from '../../lib/queue/audit.js';
import { pyStr } from '../../lib/queue/pytext.js';
import type { PathArg } from './config.js';

const WAIT_MS = 10_000;
const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

const readText = async (p: PathArg): Promise<string> => {
  let bytes: Buffer;
  try {
    bytes = await fsp.readFile(p.file);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT')
      throw new CliError(`${p.display}: no such file`, ['pass the queue with --queue PATH']);
    throw new CliError(`${p.display}: cannot read (${code ?? (err as Error).message})`);
  }
  try {
    return utf8.decode(bytes);
  } catch {
    throw new CliError(`${p.display}: not valid UTF-8`);
  }
};

/** Reads and parses QUEUE.md; a malformed table fails with file:line:column and the reference's message. */
export const readQueue = async (p: PathArg): Promise<{ text: string; doc: QueueDoc }> => {
  const text = await readText(p);
  const doc = parseQueueMarkdown(text);
  if (E.isRight(doc)) return { text, doc: doc.right };
  const { line, column, message } = doc.left;
  if (line === null)
    throw new CliError(`${p.display}: ${message}`, [`expected a line starting with "${HEADER_PREFIX}"`]);
  throw new CliError(`${p.display}:${line}:${column ?? 1}: ${message}`, ['a queue row has exactly 9 cells']);
};

/** The refusal as an error: the reference's message first, then which row of which file. */
export const refusalError = (r: Refusal, id: string, where: string): CliError =>
  new CliError(r.message, [
    r.reason === 'not_found' ? `${id} not found in ${where}` : `${where}: ${id} left unchanged`,
  ]);

/** Runs one command against QUEUE.md under its lock; resolves to what changed. */
export const mutateMarkdown = async (
  queue: PathArg,
  audit: PathArg,
  cmd: QueueCommand,
  ts: string,
): Promise<MdEffect> => {
  // Checked before locking: the lock would otherwise create the missing directory.
  if (!existsSync(queue.file)) await readText(queue);
  return withLock(queue.file, { waitMs: WAIT_MS }, async () => {
    const { text, doc } = await readQueue(queue);
    const decided = decideMarkdown(
      doc.rows.map((r) => r.row),
      cmd,
    );
    if (E.isLeft(decided)) throw refusalError(decided.left, cmd.id, queue.display);
    const effect = decided.right;
    const target = doc.rows.find((r) => r.row.id === cmd.id);
    if (target === undefined) throw new CliError(`Row id not found: ${cmd.id}`);
    const line: AuditLine = {
      ts,
      command: cmd.kind,
      queue: queue.display,
      id: cmd.id,
      line: target.index + 1,
      status: effect.status,
      from: effect.from,
      to: effect.to,
    };
    await appendJsonl(audit.file, [line]);
    await writeFileAtomic(
      queue.file,
      replaceLine(text, doc, target.index, renderRow({ ...target.row, ...effect.to })),
    );
    return effect;
  });
};

/** render_queue_md.py's row: every cell printed with str() (NULL as `None`), as it reads back from the file. */
export const markdownRowOf = (cells: Readonly<Record<string, unknown>>): QueueRow =>
  Object.fromEntries(
    ROW_FIELDS.map((f) => {
      const v = cells[f];
      return [f, sanitizeCell(v === undefined ? '' : pyStr(v))];
    }),
  ) as QueueRow;

/** Replaces the table rows of QUEUE.md with `rows` (or writes a new QUEUE.md), audited as one export line. */
export const exportMarkdown = async (
  queue: PathArg,
  audit: PathArg,
  rows: readonly QueueRow[],
  meta: { readonly db: string; readonly ts: string },
): Promise<void> =>
  withLock(queue.file, { waitMs: WAIT_MS }, async () => {
    let text: string;
    if (existsSync(queue.file)) {
      const read = await readQueue(queue);
      const next = replaceRows(read.text, read.doc, rows);
      if (E.isLeft(next)) throw new CliError(`${queue.display}: ${next.left}`);
      text = next.right;
    } else text = newQueueMarkdown(rows);
    const line: AuditLine = {
      ts: meta.ts,
      command: 'export-md',
      queue: queue.display,
      db: meta.db,
      rows: [...rows],
    };
    await appendJsonl(audit.file, [line]);
    await writeFileAtomic(queue.file, text);
  });
