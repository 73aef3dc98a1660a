// The markdown mutations and the export as plans: from QUEUE.md's text (as read under its lock) and the
// command, either the reference's refusal or what to do, as data: the audit line to append and the
// file's new text. The runner appends the line first and then replaces the file, so a crash between
// the two leaves a change recorded rather than a change unrecorded. Pure.
import * as E from 'fp-ts/lib/Either.js';
import type { AuditLine } from './audit.js';
import { decideMarkdown, type QueueCommand, type Refusal } from './decide.js';
import {
  newQueueMarkdown,
  renderRow,
  replaceLine,
  replaceRows,
  sanitizeCell,
  type QueueDoc,
} from './markdown.js';
import { pyStr } from './pytext.js';
import { ROW_FIELDS, type DbRow, type QueueRow } from './row.js';

/** What one markdown command changes: the status it prints, the audit line, QUEUE.md's new text. */
export interface MdPlan {
  readonly status: string;
  readonly audit: AuditLine;
  readonly text: string;
}

/** QUEUE.md as read: its text and the parsed table. */
export interface MdRead {
  readonly text: string;
  readonly doc: QueueDoc;
}

/** How the audit line names the queue, and the instant it records. */
export interface PlanMeta {
  readonly queue: string;
  readonly ts: string;
}

/** Pure: ops.py `cmd_cancel_md` / `cmd_replan_md` / `cmd_retry_md`, with only the touched row's bytes changed. */
export const planMarkdown = (read: MdRead, cmd: QueueCommand, meta: PlanMeta): E.Either<Refusal, MdPlan> => {
  const decided = decideMarkdown(
    read.doc.rows.map((r) => r.row),
    cmd,
  );
  if (E.isLeft(decided)) return decided;
  const effect = decided.right;
  const target = read.doc.rows.find((r) => r.row.id === cmd.id);
  if (target === undefined) return E.left({ message: `Row id not found: ${cmd.id}`, reason: 'not_found' });
  const audit: AuditLine = {
    ts: meta.ts,
    command: cmd.kind,
    queue: meta.queue,
    id: cmd.id,
    line: target.index + 1,
    status: effect.status,
    from: effect.from,
    to: effect.to,
  };
  const text = replaceLine(read.text, read.doc, target.index, renderRow({ ...target.row, ...effect.to }));
  return E.right({ status: effect.status, audit, text });
};

/** Pure: render_queue_md.py's row: every cell printed with str() (NULL as `None`), as it reads back from the file. */
export const markdownRowOf = (cells: DbRow): QueueRow =>
  Object.fromEntries(
    ROW_FIELDS.map((f) => {
      const v: DbRow[typeof f] | undefined = cells[f];
      return [f, sanitizeCell(v === undefined ? '' : pyStr(v))];
    }),
  ) as QueueRow;

/**
 * Pure: render_queue_md.py: the table rows of QUEUE.md replaced by `rows` (a new QUEUE.md when there is
 * none), audited as one export line. Left when the existing table has no separator line.
 */
export const planExport = (
  read: MdRead | null,
  rows: readonly QueueRow[],
  meta: PlanMeta & { readonly db: string },
): E.Either<string, Omit<MdPlan, 'status'>> => {
  const text = read === null ? E.right(newQueueMarkdown(rows)) : replaceRows(read.text, read.doc, rows);
  if (E.isLeft(text)) return text;
  const audit: AuditLine = {
    ts: meta.ts,
    command: 'export-md',
    queue: meta.queue,
    db: meta.db,
    rows: [...rows],
  };
  return E.right({ audit, text: text.right });
};
