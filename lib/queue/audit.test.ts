// The two folds that rebuild the queue from its events: the markdown audit fold (given audit lines,
// then rows and counts) and the queue_events fold (given event rows, then queue_items rows).
import { describe, expect, it } from 'vitest';
import { given } from '../testing/given.js';
import {
  auditStateOf,
  owedRollback,
  queueAuditProjection,
  type AuditLine,
  type AuditState,
} from './audit.js';
import { foldDbEvents } from './db-fold.js';
import type { DbEvent, DbRow, QueueRow } from './row.js';

const q = (id: string, over: Partial<QueueRow> = {}): QueueRow => ({
  id,
  status: 'PENDING',
  priority: 'P1',
  task: 't',
  success_criteria: 'c',
  owner_session: '-',
  started_at_kst: '-',
  due_at_kst: '-',
  notes: '',
  ...over,
});
const cancel = (id: string, from: Partial<QueueRow>, to: Partial<QueueRow>): AuditLine => ({
  ts: '2026-02-10T03:00:00.000Z',
  command: 'cancel',
  queue: 'QUEUE.md',
  id,
  line: 7,
  status: 'BLOCKED',
  from,
  to,
});

describe('the audit fold', () => {
  it('applies each line to the first row with its id, counting commands', () => {
    given(queueAuditProjection)
      .from(auditStateOf([q('A'), q('B')]))
      .events(
        cancel('B', { status: 'PENDING', notes: '' }, { status: 'BLOCKED', notes: 'cancelled_by_operator' }),
      )
      .then({
        rows: [q('A'), q('B', { status: 'BLOCKED', notes: 'cancelled_by_operator' })],
        events: 1,
        byCommand: { cancel: 1 },
        conflicts: 0,
        unseen: 0,
      } satisfies AuditState);
  });
  it('counts a line whose `from` disagrees with the folded row (an unaudited edit) and still applies it', () => {
    const s = given(queueAuditProjection)
      .from(auditStateOf([q('A', { status: 'DONE' })]))
      .events(cancel('A', { status: 'PENDING' }, { status: 'BLOCKED' })).state;
    expect([s.conflicts, s.rows[0]?.status]).toEqual([1, 'BLOCKED']);
  });
  it('starts from an empty table on replay, keeping the cells it has seen; an export replaces every row', () => {
    const s = given(queueAuditProjection).events(cancel('X', { status: 'PENDING' }, { status: 'BLOCKED' }), {
      ts: 't',
      command: 'export-md',
      queue: 'QUEUE.md',
      db: 'q.db',
      rows: [q('Y')],
    });
    expect(s.events[0] && given(queueAuditProjection).events(s.events[0].value).state.rows).toEqual([
      { id: 'X', status: 'BLOCKED' },
    ]);
    expect([s.state.rows, s.state.unseen, s.state.byCommand]).toEqual([
      [q('Y')],
      1,
      { cancel: 1, 'export-md': 1 },
    ]);
  });
});

const d = (id: string, over: Partial<DbRow> = {}): DbRow => ({
  ...q(id),
  created_at: 'c',
  updated_at: 'u',
  lease_owner: 'w',
  lease_expires_at: 10,
  attempt_count: 1,
  max_attempts: 3,
  idempotency_key: null,
  last_error: 'boom',
  ...over,
});
const ev = (event_id: number, event_type: string, payload: object): DbEvent => ({
  event_id,
  item_id: 'A',
  event_type,
  payload_json: JSON.stringify(payload),
  created_at: '2026-02-10 12:00',
});

describe('the queue_events fold', () => {
  it('replays blocked, replan and retried as the commands updated the row', () => {
    const s = foldDbEvents(
      [d('A')],
      [
        ev(1, 'blocked', { notes: 'x' }),
        ev(2, 'replan', { notes: 'x | replan:y', status: 'PENDING' }),
        ev(3, 'retried', { notes: 'r', reason: 'operator_retry' }),
      ],
    );
    expect(s.rows[0]).toEqual({
      ...d('A'),
      status: 'PENDING',
      owner_session: '-',
      started_at_kst: '-',
      lease_owner: null,
      lease_expires_at: null,
      attempt_count: 2,
      notes: 'r',
      last_error: '',
      updated_at: '2026-02-10 12:00',
    });
    expect([s.applied, s.unknown]).toEqual([3, 0]);
  });
  it('counts what it cannot replay: unknown types, a retried event without notes, an unknown row', () => {
    const s = foldDbEvents(
      [d('A')],
      [
        ev(1, 'picked', {}),
        ev(2, 'retried', { reason: 'failed_or_timeout' }),
        { ...ev(3, 'blocked', { notes: 'n' }), item_id: 'Z' },
      ],
    );
    expect([s.rows, s.applied, s.unknown]).toEqual([[d('A')], 0, 3]);
  });
});

describe('the rollback a log owes after a killed rewrite', () => {
  const TS = '2026-02-10T04:00:00.000Z';
  const line = cancel('A', { status: 'PENDING', notes: '' }, { status: 'BLOCKED', notes: 'x' });

  it("is owed when the row still holds the line's from cells, and swaps them back", () => {
    expect(owedRollback(line, [q('A')], 'QUEUE.md', TS)).toMatchObject({
      command: 'rollback',
      ts: TS,
      from: { status: 'BLOCKED', notes: 'x' },
      to: { status: 'PENDING', notes: '' },
    });
  });

  it("is not owed when the change landed, the row was edited since, or the line is another queue's", () => {
    expect(owedRollback(line, [q('A', { status: 'BLOCKED', notes: 'x' })], 'QUEUE.md', TS)).toBeNull();
    expect(owedRollback(line, [q('A', { status: 'DONE' })], 'QUEUE.md', TS)).toBeNull();
    expect(owedRollback(line, [q('A')], 'other/QUEUE.md', TS)).toBeNull();
    expect(owedRollback(null, [q('A')], 'QUEUE.md', TS)).toBeNull();
  });
});
