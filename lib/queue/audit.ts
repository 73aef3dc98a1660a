// queue-audit.jsonl: one line per markdown mutation, appended before QUEUE.md is rewritten, so the
// current table is the fold of its audit lines over the table as it was before them. A mutation line
// carries the cells it changed (`from`, `to`, as they read back from the file); an export line carries
// every row it wrote. A rewrite that fails after its line was appended is undone in the log by a
// `rollback` line (the mutation's cells swapped back, or the export's previous rows), never by editing
// the line: the log stays append-only and still folds to the file. Law:
// foldFrom(queueAuditProjection, auditStateOf(rows0), lines).rows equals the rows of QUEUE.md after those
// lines' commands ran (or failed) on rows0. Pure.
import * as E from 'fp-ts/lib/Either.js';
import * as t from 'io-ts';
import { decode } from '../core/codec.js';
import type { Positioned, Projection } from '../core/projection.js';
import { QueueRowCodec, RowPatchCodec, type QueueRow, type RowPatch } from './row.js';

// `rollback` lines carry why the rewrite failed.
const Reason = t.partial({ reason: t.string });

export const AuditMutationCodec = t.intersection(
  [
    t.type({
      ts: t.string,
      command: t.keyof({ cancel: null, replan: null, retry: null, rollback: null }),
      queue: t.string,
      id: t.string,
      line: t.number,
      status: t.string,
      from: RowPatchCodec,
      to: RowPatchCodec,
    }),
    Reason,
  ],
  'QueueAuditMutation',
);

export const AuditExportCodec = t.intersection(
  [
    t.type({
      ts: t.string,
      command: t.keyof({ 'export-md': null, rollback: null }),
      queue: t.string,
      db: t.string,
      rows: t.array(QueueRowCodec),
    }),
    Reason,
  ],
  'QueueAuditExport',
);

/** One line of automation/orchestrator/logs/queue-audit.jsonl. */
export const QueueAuditLine = t.union([AuditMutationCodec, AuditExportCodec], 'QueueAuditLine');
export type AuditLine = t.TypeOf<typeof QueueAuditLine>;

/** Pure: decodes one parsed audit line; Left is the first contract error. */
export const decodeAuditLine = (v: unknown): E.Either<string, AuditLine> =>
  E.mapLeft((e: { message: string }) => e.message)(decode(QueueAuditLine, v));

/** A row as the fold knows it: whole when it came from the starting table or an export, else the cells seen. */
export type FoldRow = RowPatch & { readonly id: string };

export interface AuditState {
  readonly rows: readonly FoldRow[];
  readonly events: number;
  readonly byCommand: Readonly<Record<string, number>>;
  /** Lines whose `from` disagrees with the row as folded so far (an edit the audit did not see). */
  readonly conflicts: number;
  /** Lines naming an id the fold has never seen (counted; the row is started from the line's cells). */
  readonly unseen: number;
}

/** Pure: the fold's state for a table whose rows are known (the starting state of the law). */
export const auditStateOf = (rows: readonly QueueRow[]): AuditState => ({
  rows: rows.map((r) => ({ ...r })),
  events: 0,
  byCommand: {},
  conflicts: 0,
  unseen: 0,
});

const agrees = (row: FoldRow, from: RowPatch): boolean =>
  Object.entries(from).every(
    ([k, v]) => row[k as keyof RowPatch] === undefined || row[k as keyof RowPatch] === v,
  );

const count = (s: AuditState, command: string): Pick<AuditState, 'events' | 'byCommand'> => ({
  events: s.events + 1,
  byCommand: { ...s.byCommand, [command]: (s.byCommand[command] ?? 0) + 1 },
});

/**
 * Pure: the line that undoes `line` after QUEUE.md's rewrite failed, `before` being the rows the failed
 * command read: a mutation's cells swapped back, or an export's previous rows (none for a new file).
 */
export const rollbackOf = (
  line: AuditLine,
  before: readonly QueueRow[],
  reason: string,
  ts: string = line.ts,
): AuditLine => {
  if ('rows' in line) return { ...line, ts, command: 'rollback', rows: [...before], reason };
  const status = before.find((r) => r.id === line.id)?.status ?? line.from.status ?? line.status;
  return { ...line, ts, command: 'rollback', status, from: line.to, to: line.from, reason };
};

const holds = (row: QueueRow, cells: RowPatch): boolean =>
  Object.entries(cells).every(([k, v]) => row[k as keyof QueueRow] === v);

const INTERRUPTED = 'QUEUE.md does not hold this change: its rewrite was interrupted';

/**
 * Pure: the rollback the log still owes when its last line (of this queue) is a change QUEUE.md does not
 * hold, read under the queue's lock before the next change: a process killed between its audit append
 * and its rename. A mutation is owed one only when the row still holds its `from` cells (anything else
 * is an edit the fold counts as a conflict); an export, when the rows differ from those it wrote.
 */
export const owedRollback = (
  last: AuditLine | null,
  rows: readonly QueueRow[],
  queue: string,
  ts: string,
): AuditLine | null => {
  if (last === null || last.command === 'rollback' || last.queue !== queue) return null;
  if ('rows' in last)
    return JSON.stringify(last.rows) === JSON.stringify(rows)
      ? null
      : rollbackOf(last, rows, INTERRUPTED, ts);
  const row = rows.find((r) => r.id === last.id);
  if (row === undefined || holds(row, last.to) || !holds(row, last.from)) return null;
  return rollbackOf(last, rows, INTERRUPTED, ts);
};

/** Pure: one audit line applied to the state. */
export const evolveAudit = (s: AuditState, line: AuditLine): AuditState => {
  if ('rows' in line) return { ...s, ...count(s, line.command), rows: line.rows.map((r) => ({ ...r })) };
  const at = s.rows.findIndex((r) => r.id === line.id);
  const row: FoldRow = at < 0 ? { id: line.id } : (s.rows[at] as FoldRow);
  const next = { ...row, ...line.to };
  return {
    ...s,
    ...count(s, line.command),
    rows: at < 0 ? [...s.rows, next] : s.rows.map((r, i) => (i === at ? next : r)),
    conflicts: s.conflicts + (agrees(row, line.from) ? 0 : 1),
    unseen: s.unseen + (at < 0 ? 1 : 0),
  };
};

/** The audit fold for `opsfold replay --projection queue-audit`: from an empty table, rows as the lines show them. */
export const queueAuditProjection: Projection<AuditState, AuditLine> = {
  name: 'queue-audit',
  version: 1,
  initial: auditStateOf([]),
  evolve: (s: AuditState, e: Positioned<AuditLine>) => evolveAudit(s, e.value),
};
