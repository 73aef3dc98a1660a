// The operator commands as decisions: given the current row and the command, either the reference's
// refusal (its exact message) or the effect to apply, as data. The runner writes the effect (one row
// line in QUEUE.md, or one UPDATE plus one queue_events INSERT in SQLite); the audit fold and the
// queue_events fold apply the same effect to rebuild the queue. Pure.
import * as E from 'fp-ts/lib/Either.js';
import { pyStr, pyStrip } from './pytext.js';
import { sanitizeCell } from './markdown.js';
import type { DbCell, DbRow, QueueRow, RowPatch } from './row.js';

export type QueueCommand =
  | { readonly kind: 'cancel'; readonly id: string }
  | { readonly kind: 'replan'; readonly id: string; readonly notes: string }
  | { readonly kind: 'retry'; readonly id: string };

/** Why a command was refused: the reference's ValueError text. */
export interface Refusal {
  readonly message: string;
  readonly reason: 'not_found' | 'terminal' | 'not_retryable' | 'max_attempts' | 'bad_cell';
}

/** Pure: the reference's `_append_note`: the old notes and the message, ` | ` between them. */
export const appendNote = (existing: string, msg: string): string => {
  const m = pyStrip(msg);
  return pyStrip(existing) === '' ? m : `${pyStrip(existing)} | ${m}`;
};

const notFound = (id: string): Refusal => ({ message: `Row id not found: ${id}`, reason: 'not_found' });
const terminal = (id: string, status: DbCell): Refusal => ({
  message: `cannot cancel terminal item: ${id} (${pyStr(status)})`,
  reason: 'terminal',
});

/** A markdown mutation: the status it prints and the cells it changes (as they will read back). */
export interface MdEffect {
  readonly id: string;
  readonly status: string;
  readonly from: RowPatch;
  readonly to: RowPatch;
}

const mdChange = (row: QueueRow, status: string, to: RowPatch): MdEffect => {
  const clean = Object.fromEntries(
    Object.entries(to).map(([k, v]) => [k, sanitizeCell(v ?? '')]),
  ) as RowPatch;
  const from = Object.fromEntries(Object.keys(clean).map((k) => [k, row[k as keyof QueueRow]])) as RowPatch;
  return { id: row.id, status, from, to: clean };
};

/** Pure: ops.py `cmd_cancel_md` / `cmd_replan_md` / `cmd_retry_md` on the first row with the id. */
export const decideMarkdown = (rows: readonly QueueRow[], cmd: QueueCommand): E.Either<Refusal, MdEffect> => {
  const row = rows.find((r) => r.id === cmd.id);
  if (row === undefined) return E.left(notFound(cmd.id));
  if (cmd.kind === 'cancel') {
    if (row.status === 'DONE' || row.status === 'FAILED') return E.left(terminal(cmd.id, row.status));
    return E.right(
      mdChange(row, 'BLOCKED', { status: 'BLOCKED', notes: appendNote(row.notes, 'cancelled_by_operator') }),
    );
  }
  if (cmd.kind === 'replan') {
    const status = row.status === 'IN_PROGRESS' ? 'BLOCKED' : 'PENDING';
    return E.right(
      mdChange(row, status, { status, notes: appendNote(row.notes, `replan:${pyStrip(cmd.notes)}`) }),
    );
  }
  if (row.status !== 'FAILED' && row.status !== 'BLOCKED')
    return E.left({
      message: `retry allowed only for FAILED/BLOCKED in markdown mode: ${cmd.id} (${row.status})`,
      reason: 'not_retryable',
    });
  return E.right(
    mdChange(row, 'PENDING', {
      status: 'PENDING',
      owner_session: '-',
      started_at_kst: '-',
      notes: appendNote(row.notes, 'retry_requested'),
    }),
  );
};

/** The clock as the reference's db paths read it: epoch seconds, and "YYYY-MM-DD HH:MM" two ways. */
export interface DbClock {
  readonly epoch: number;
  /** db_store.now_kst_str(): always UTC+9 (event created_at, mark_blocked's updated_at). */
  readonly kstFixed: string;
  /** orch.now_kst_str(): UTC+ORCH_TZ_OFFSET (updated_at of replan-to-PENDING and retry). */
  readonly kstConfig: string;
}

/** A SQLite mutation: the status it prints, the columns it sets and the queue_events row it adds. */
export interface DbEffect {
  readonly id: string;
  readonly status: string;
  readonly set: Readonly<Partial<Record<keyof DbRow, DbCell>>>;
  readonly event: { readonly type: string; readonly payload: Readonly<Record<string, string>> };
  readonly createdAt: string;
}

/** The reference's retry backoff (db_store.RETRY_BACKOFF_SECONDS), indexed by attempts so far. */
export const RETRY_BACKOFF_SECONDS = [60, 180, 600] as const;

const notesOf = (row: DbRow): string => (typeof row.notes === 'string' ? row.notes : '');

const blocked = (id: string, notes: string, clock: DbClock): DbEffect => ({
  id,
  status: 'BLOCKED',
  set: { status: 'BLOCKED', notes: pyStrip(notes), last_error: '', updated_at: clock.kstFixed },
  event: { type: 'blocked', payload: { notes: pyStrip(notes) } },
  createdAt: clock.kstFixed,
});

const released = {
  status: 'PENDING',
  owner_session: '-',
  started_at_kst: '-',
  lease_owner: null,
  lease_expires_at: null,
};

// int(x or default), as the reference reads attempt_count / max_attempts; null when int() would raise.
const intOr = (v: DbCell, dflt: number): number | null => {
  if (v === null || v === 0 || v === '') return dflt;
  if (typeof v === 'number') return Math.trunc(v);
  return /^\s*[+-]?\d+\s*$/.test(v) ? Number(v) : null;
};

// Python's sequence indexing of min(attempts, 2): a negative index counts from the end, below -3 raises.
const backoffAt = (attempts: number): number | null => {
  const i = Math.min(attempts, RETRY_BACKOFF_SECONDS.length - 1);
  return RETRY_BACKOFF_SECONDS[i < 0 ? RETRY_BACKOFF_SECONDS.length + i : i] ?? null;
};

const decideRetry = (row: DbRow, id: string, clock: DbClock): E.Either<Refusal, DbEffect> => {
  const attempts = intOr(row.attempt_count, 0);
  const max = intOr(row.max_attempts, 3);
  if (attempts === null || max === null)
    return E.left({ message: `attempt_count/max_attempts of ${id} are not integers`, reason: 'bad_cell' });
  if (attempts >= max)
    return E.left({ message: `max attempts reached: ${id} (${attempts}/${max})`, reason: 'max_attempts' });
  const lease = row.lease_expires_at;
  const timedOut = row.status === 'IN_PROGRESS' && lease !== null && Math.trunc(lease) <= clock.epoch;
  if (row.status !== 'FAILED' && !timedOut)
    return E.left({
      message: `retry allowed only for FAILED or timed-out IN_PROGRESS in db mode: ${id} (${pyStr(row.status)})`,
      reason: 'not_retryable',
    });
  const backoff = backoffAt(attempts);
  if (backoff === null)
    return E.left({ message: `attempt_count of ${id} is out of range`, reason: 'bad_cell' });
  const notes = appendNote(notesOf(row), `retry_not_before=${clock.epoch + backoff}`);
  return E.right({
    id,
    status: 'PENDING',
    set: { ...released, attempt_count: attempts + 1, notes, updated_at: clock.kstConfig },
    event: { type: 'retried', payload: { notes, reason: 'operator_retry' } },
    createdAt: clock.kstFixed,
  });
};

/** Pure: ops.py `cmd_cancel_db` / `cmd_replan_db` / `cmd_retry_db` on the row with the id. */
export const decideDb = (
  row: DbRow | undefined,
  cmd: QueueCommand,
  clock: DbClock,
): E.Either<Refusal, DbEffect> => {
  if (row === undefined) return E.left(notFound(cmd.id));
  if (cmd.kind === 'cancel') {
    if (row.status === 'DONE' || row.status === 'FAILED') return E.left(terminal(cmd.id, row.status));
    return E.right(blocked(cmd.id, appendNote(notesOf(row), 'cancelled_by_operator'), clock));
  }
  if (cmd.kind === 'retry') return decideRetry(row, cmd.id, clock);
  const merged = appendNote(notesOf(row), `replan:${pyStrip(cmd.notes)}`);
  if (row.status === 'IN_PROGRESS') return E.right(blocked(cmd.id, merged, clock));
  return E.right({
    id: cmd.id,
    status: 'PENDING',
    set: { ...released, notes: merged, updated_at: clock.kstConfig },
    event: { type: 'replan', payload: { notes: merged, status: 'PENDING' } },
    createdAt: clock.kstFixed,
  });
};
