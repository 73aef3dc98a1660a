// The markdown backend: QUEUE.md read through the edge (confined, a FIFO refused, strict UTF-8) and
// parsed as the reference parses it; mutated under `<QUEUE.md>.lock` (waiting up to 10 s for another
// writer): re-read, plan (lib/queue/md-plan.ts), append the audit line, then replace the file
// atomically. The audit line goes first (the order of lib/io/effects.ts).
import * as E from 'fp-ts/lib/Either.js';
import { CliError } from '../cli/errors.js';
import { applyEffects } from '../../lib/io/effects.js';
import { withLock } from '../../lib/io/lock.js';
import { fileStore, readBytes } from '../../lib/io/store.js';
import type { QueueCommand, Refusal } from '../../lib/queue/decide.js';
import { parseQueueMarkdown } from '../../lib/queue/markdown.js';
import { planExport, planMarkdown, type MdPlan, type MdRead } from '../../lib/queue/md-plan.js';
import { HEADER_PREFIX, type QueueRow } from '../../lib/queue/row.js';
import { confined, type PathArg } from './paths.js';

const WAIT_MS = 10_000;
const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

const readText = async (p: PathArg): Promise<string> => {
  const got = await readBytes((await confined(p)).real);
  if (got.kind === 'missing')
    throw new CliError(`${p.display}: no such file`, ['pass the queue with --queue PATH']);
  if (got.kind === 'problem') {
    const { problem } = got;
    if (problem.kind === 'unreadable') throw new CliError(`${p.display}: cannot read (${problem.code})`);
    throw new CliError(
      `${p.display}: refused: ${problem.kind === 'refused' ? problem.reason : problem.kind}`,
    );
  }
  try {
    return utf8.decode(got.bytes);
  } catch {
    throw new CliError(`${p.display}: not valid UTF-8`);
  }
};

/** Reads and parses QUEUE.md; a malformed table fails with file:line:column and the reference's message. */
export const readQueue = async (p: PathArg): Promise<MdRead> => {
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

// The audit append goes through the Store confined to the audit log's root, then QUEUE.md's new text
// through the Store confined to its own (checked again first: a FIFO or device is refused).
const apply = async (queue: PathArg, audit: PathArg, plan: Omit<MdPlan, 'status'>): Promise<void> => {
  await applyEffects({ store: fileStore(audit.root) }, [
    { kind: 'append', path: audit.file, records: [plan.audit] },
  ]);
  await confined(queue);
  await applyEffects({ store: fileStore(queue.root) }, [{ kind: 'text', path: queue.file, text: plan.text }]);
};

/** Runs one command against QUEUE.md under its lock; resolves to the status it printed. */
export const mutateMarkdown = async (
  queue: PathArg,
  audit: PathArg,
  cmd: QueueCommand,
  ts: string,
): Promise<string> => {
  // Checked before locking: the lock would otherwise create the missing directory.
  if (!(await confined(queue)).exists) await readText(queue);
  await confined(audit);
  return withLock(queue.file, { waitMs: WAIT_MS }, async () => {
    const plan = planMarkdown(await readQueue(queue), cmd, { queue: queue.display, ts });
    if (E.isLeft(plan)) throw refusalError(plan.left, cmd.id, queue.display);
    await apply(queue, audit, plan.right);
    return plan.right.status;
  });
};

/** Replaces the table rows of QUEUE.md with `rows` (or writes a new QUEUE.md), audited as one export line. */
export const exportMarkdown = async (
  queue: PathArg,
  audit: PathArg,
  rows: readonly QueueRow[],
  meta: { readonly db: string; readonly ts: string },
): Promise<void> => {
  await confined(audit);
  await confined(queue);
  return withLock(queue.file, { waitMs: WAIT_MS }, async () => {
    const read = (await confined(queue)).exists ? await readQueue(queue) : null;
    const plan = planExport(read, rows, { ...meta, queue: queue.display });
    if (E.isLeft(plan)) throw new CliError(`${queue.display}: ${plan.left}`);
    await apply(queue, audit, plan.right);
  });
};
