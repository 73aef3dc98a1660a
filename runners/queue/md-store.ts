// The markdown backend's edge: QUEUE.md read through the edge (confined, a FIFO refused, strict UTF-8),
// its lock `<QUEUE.md>.lock` (waiting up to 10 s for another writer), and a plan committed through the
// Store of each file's root. What happens under the lock is lib/queue/md-store.ts.
import * as E from 'fp-ts/lib/Either.js';
import { CliError } from '../cli/errors.js';
import { applyEffects } from '../../lib/io/effects.js';
import { lastRecord } from '../../lib/io/last-record.js';
import { withLock } from '../../lib/io/lock.js';
import { decodeAuditLine } from '../../lib/queue/audit.js';
import { fileStore, readBytes } from '../../lib/io/store.js';
import type { QueueCommand, Refusal } from '../../lib/queue/decide.js';
import type { MdRead } from '../../lib/queue/md-plan.js';
import {
  exportMarkdownQueue,
  mutateMarkdownQueue,
  parseQueue,
  queueTextOf,
  refusalFailure,
  type MdPorts,
  type QueueFailure,
} from '../../lib/queue/md-store.js';
import type { QueueRow } from '../../lib/queue/row.js';
import { confined, type PathArg } from './paths.js';

const WAIT_MS = 10_000;
const failure = (f: QueueFailure): CliError => new CliError(f.errorLine, f.details);

const orThrow = <A>(got: E.Either<QueueFailure, A>): A => {
  if (E.isLeft(got)) throw failure(got.left);
  return got.right;
};

const readText = async (p: PathArg): Promise<string> =>
  orThrow(queueTextOf(p.display, await readBytes((await confined(p)).real)));

/** Reads and parses QUEUE.md; a malformed table fails with file:line:column and the reference's message. */
export const readQueue = async (p: PathArg): Promise<MdRead> =>
  orThrow(parseQueue(p.display, await readText(p)));

/** The refusal as an error: the reference's message first, then which row of which file. */
export const refusalError = (r: Refusal, id: string, where: string): CliError =>
  failure(refusalFailure(r, id, where));

// The audit append goes through the Store confined to the audit log's root, QUEUE.md's new text
// through the Store confined to its own (checked again first: a FIFO or device is refused).
const mdPorts = (queue: PathArg, audit: PathArg): MdPorts => ({
  shown: queue.display,
  exists: async () => (await confined(queue)).exists,
  readText: () => readText(queue),
  lock: (fn) => withLock(queue.file, { waitMs: WAIT_MS }, fn),
  appendAudit: async (line) => {
    await applyEffects({ store: fileStore(audit.root) }, [
      { kind: 'append', path: audit.file, records: [line] },
    ]);
  },
  lastAudit: async () => {
    const last = await lastRecord((await confined(audit)).real);
    if (last.kind !== 'record') return null;
    const line = decodeAuditLine(last.value);
    return E.isRight(line) ? line.right : null;
  },
  writeText: async (text) => {
    await confined(queue);
    await applyEffects({ store: fileStore(queue.root) }, [{ kind: 'text', path: queue.file, text }]);
  },
});

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
  return orThrow(await mutateMarkdownQueue(mdPorts(queue, audit), cmd, ts));
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
  orThrow(await exportMarkdownQueue(mdPorts(queue, audit), rows, meta));
};
