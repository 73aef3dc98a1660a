// The markdown backend's steps over ports: QUEUE.md re-read, parsed as the reference parses it and
// planned (md-plan.ts) while its lock is held, then the plan committed: the audit line first, then the
// new text, so a crash between the two leaves a change recorded rather than a change unrecorded; a
// rewrite that fails (EIO, ENOSPC, a lost lock) is followed by a `rollback` line (audit.ts), so the log
// and the file agree again without the append-only log being edited. A malformed table or a refusal is
// a failure value with the reference's message; the runner prints it and exits 1 with nothing written.
import * as E from 'fp-ts/lib/Either.js';
import type { Bytes } from '../io/store.js';
import { owedRollback, rollbackOf, type AuditLine } from './audit.js';
import type { QueueCommand, Refusal } from './decide.js';
import { parseQueueMarkdown } from './markdown.js';
import { planExport, planMarkdown, type MdPlan, type MdRead } from './md-plan.js';
import { HEADER_PREFIX, type QueueRow } from './row.js';

/** Why a queue command fails: its `error:` line and the detail lines after it. */
export interface QueueFailure {
  readonly errorLine: string;
  readonly details: readonly string[];
}

/** QUEUE.md and its audit log, as the runner reaches them. */
export interface MdPorts {
  /** How the queue file is named in messages and audit lines. */
  readonly shown: string;
  /** True when the queue file exists (checked again, confined, each time). */
  exists(): Promise<boolean>;
  /** The queue file's text; a missing or unreadable file throws the runner's error. */
  readText(): Promise<string>;
  /** Runs `fn` holding the queue's lock. */
  lock<T>(fn: () => Promise<T>): Promise<T>;
  /** Appends one line to the audit log. */
  appendAudit(line: AuditLine): Promise<void>;
  /** Replaces the queue's text atomically (the old text stays when it fails). */
  writeText(text: string): Promise<void>;
  /** The audit log's last complete line, decoded; null when there is none or it does not decode. */
  lastAudit(): Promise<AuditLine | null>;
}

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
const failure = (errorLine: string, ...details: string[]): E.Either<QueueFailure, never> =>
  E.left({ errorLine, details });

/** QUEUE.md's text from its bytes as the edge read them (strict UTF-8), or why there is none. */
export const queueTextOf = (shown: string, got: Bytes): E.Either<QueueFailure, string> => {
  if (got.kind === 'missing') return failure(`${shown}: no such file`, 'pass the queue with --queue PATH');
  if (got.kind === 'problem') {
    const { problem } = got;
    if (problem.kind === 'unreadable') return failure(`${shown}: cannot read (${problem.code})`);
    return failure(`${shown}: refused: ${problem.kind === 'refused' ? problem.reason : problem.kind}`);
  }
  try {
    return E.right(utf8.decode(got.bytes));
  } catch {
    return failure(`${shown}: not valid UTF-8`);
  }
};

/** The parsed queue, or a malformed table's failure with file:line:column and the reference's message. */
export const parseQueue = (shown: string, text: string): E.Either<QueueFailure, MdRead> => {
  const doc = parseQueueMarkdown(text);
  if (E.isRight(doc)) return E.right({ text, doc: doc.right });
  const { line, column, message } = doc.left;
  if (line === null)
    return E.left({
      errorLine: `${shown}: ${message}`,
      details: [`expected a line starting with "${HEADER_PREFIX}"`],
    });
  return E.left({
    errorLine: `${shown}:${line}:${column ?? 1}: ${message}`,
    details: ['a queue row has exactly 9 cells'],
  });
};

/** A refusal as a failure: the reference's message first, then which row of which file. */
export const refusalFailure = (r: Refusal, id: string, where: string): QueueFailure => ({
  errorLine: r.message,
  details: [r.reason === 'not_found' ? `${id} not found in ${where}` : `${where}: ${id} left unchanged`],
});

// When the rollback line cannot be appended either, the rewrite's error is still the one reported: the
// log then keeps the change until the next command on this queue settles it (below).
const commit = async (
  ports: MdPorts,
  plan: Omit<MdPlan, 'status'>,
  before: readonly QueueRow[],
): Promise<void> => {
  await ports.appendAudit(plan.audit);
  try {
    await ports.writeText(plan.text);
  } catch (err) {
    const reason = err instanceof Error ? err.message : String(err);
    await ports.appendAudit(rollbackOf(plan.audit, before, reason)).catch(() => undefined);
    throw err;
  }
};

const rowsOf = (read: MdRead | null): QueueRow[] => read?.doc.rows.map((r) => r.row) ?? [];

// Read under the lock, before this command's own line: a change an earlier, killed process recorded but
// never wrote is rolled back in the log first, so the log keeps folding to the file.
const settle = async (ports: MdPorts, read: MdRead | null, ts: string): Promise<void> => {
  const owed = owedRollback(await ports.lastAudit(), rowsOf(read), ports.shown, ts);
  if (owed !== null) await ports.appendAudit(owed);
};

/** Runs one command against QUEUE.md under its lock; the status it moved the row to. */
export const mutateMarkdownQueue = (
  ports: MdPorts,
  cmd: QueueCommand,
  ts: string,
): Promise<E.Either<QueueFailure, string>> =>
  ports.lock(async () => {
    const read = parseQueue(ports.shown, await ports.readText());
    if (E.isLeft(read)) return read;
    const plan = planMarkdown(read.right, cmd, { queue: ports.shown, ts });
    if (E.isLeft(plan)) return E.left(refusalFailure(plan.left, cmd.id, ports.shown));
    await settle(ports, read.right, ts);
    await commit(ports, plan.right, rowsOf(read.right));
    return E.right(plan.right.status);
  });

/** Replaces the table rows of QUEUE.md with `rows` (or writes a new QUEUE.md), audited as one export line. */
export const exportMarkdownQueue = (
  ports: MdPorts,
  rows: readonly QueueRow[],
  meta: { readonly db: string; readonly ts: string },
): Promise<E.Either<QueueFailure, number>> =>
  ports.lock(async () => {
    const read = (await ports.exists()) ? parseQueue(ports.shown, await ports.readText()) : E.right(null);
    if (E.isLeft(read)) return read;
    const plan = planExport(read.right, rows, { ...meta, queue: ports.shown });
    if (E.isLeft(plan)) return E.left({ errorLine: `${ports.shown}: ${plan.left}`, details: [] });
    await settle(ports, read.right, meta.ts);
    await commit(ports, plan.right, rowsOf(read.right));
    return E.right(rows.length);
  });
