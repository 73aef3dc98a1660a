// The command decisions, row by row against ops.py: what each command refuses (with the reference's
// message) and what it changes, for QUEUE.md rows and for SQLite rows.
import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import { appendNote, decideDb, decideMarkdown, type DbClock, type QueueCommand } from './decide.js';
import type { DbRow, QueueRow } from './row.js';

const md = (over: Partial<QueueRow>): QueueRow => ({
  id: 'Q-1',
  status: 'PENDING',
  priority: 'P1',
  task: 't',
  success_criteria: 'c',
  owner_session: 'worker:a',
  started_at_kst: '2026-02-10 09:00',
  due_at_kst: '-',
  notes: 'first',
  ...over,
});
const db = (over: Partial<DbRow>): DbRow => ({
  ...md({}),
  created_at: '2026-02-10 08:00',
  updated_at: '2026-02-10 08:00',
  lease_owner: null,
  lease_expires_at: null,
  attempt_count: 0,
  max_attempts: 3,
  idempotency_key: null,
  last_error: '',
  ...over,
});
const clock: DbClock = { epoch: 1_770_700_000, kstFixed: '2026-02-10 14:06', kstConfig: '2026-02-10 05:06' };
const cancel: QueueCommand = { kind: 'cancel', id: 'Q-1' };
const retry: QueueCommand = { kind: 'retry', id: 'Q-1' };
const replan: QueueCommand = { kind: 'replan', id: 'Q-1', notes: '  split scope ' };
const refusal = <T>(x: E.Either<{ message: string }, T>) => (E.isLeft(x) ? x.left.message : 'no refusal');

describe('appendNote', () => {
  it('joins with " | " and strips both sides; an empty note takes the message alone', () => {
    expect(appendNote(' old ', ' new ')).toBe('old | new');
    expect(appendNote('  ', 'new')).toBe('new');
  });
});

describe('markdown mode', () => {
  it('cancel blocks the row and appends cancelled_by_operator, as it reads back from the file', () => {
    expect(decideMarkdown([md({})], cancel)).toEqual(
      E.right({
        id: 'Q-1',
        status: 'BLOCKED',
        from: { status: 'PENDING', notes: 'first' },
        to: { status: 'BLOCKED', notes: 'first / cancelled_by_operator' },
      }),
    );
  });
  it.each(['DONE', 'FAILED'])('cancel refuses a %s row', (status) => {
    expect(refusal(decideMarkdown([md({ status })], cancel))).toBe(
      `cannot cancel terminal item: Q-1 (${status})`,
    );
  });
  it('replan blocks an IN_PROGRESS row and keeps its owner', () => {
    const d = decideMarkdown([md({ status: 'IN_PROGRESS' })], replan);
    expect(E.isRight(d) && d.right.to).toEqual({ status: 'BLOCKED', notes: 'first / replan:split scope' });
  });
  it('replan sends any other row, DONE included, to PENDING', () => {
    const d = decideMarkdown([md({ status: 'DONE', notes: '' })], replan);
    expect(E.isRight(d) && d.right.to).toEqual({ status: 'PENDING', notes: 'replan:split scope' });
  });
  it('retry resets owner and start of a BLOCKED row', () => {
    const d = decideMarkdown([md({ status: 'BLOCKED' })], retry);
    expect(E.isRight(d) && d.right.to).toEqual({
      status: 'PENDING',
      owner_session: '-',
      started_at_kst: '-',
      notes: 'first / retry_requested',
    });
  });
  it('retry refuses an IN_PROGRESS row', () => {
    expect(refusal(decideMarkdown([md({ status: 'IN_PROGRESS' })], retry))).toBe(
      'retry allowed only for FAILED/BLOCKED in markdown mode: Q-1 (IN_PROGRESS)',
    );
  });
  it('acts on the first row of a repeated id and refuses an unknown id', () => {
    const d = decideMarkdown([md({ notes: 'one' }), md({ notes: 'two' })], cancel);
    expect(E.isRight(d) && d.right.from).toEqual({ status: 'PENDING', notes: 'one' });
    expect(refusal(decideMarkdown([md({})], { kind: 'cancel', id: 'Q-9' }))).toBe('Row id not found: Q-9');
  });
});

describe('db mode', () => {
  it('cancel writes the blocked event with the merged notes and clears last_error', () => {
    expect(decideDb(db({ last_error: 'x' }), cancel, clock)).toEqual(
      E.right({
        id: 'Q-1',
        status: 'BLOCKED',
        set: {
          status: 'BLOCKED',
          notes: 'first | cancelled_by_operator',
          last_error: '',
          updated_at: '2026-02-10 14:06',
        },
        event: { type: 'blocked', payload: { notes: 'first | cancelled_by_operator' } },
        createdAt: '2026-02-10 14:06',
      }),
    );
  });
  it('replan to PENDING releases owner and lease and writes the replan event', () => {
    const d = decideDb(db({ lease_owner: 'w', lease_expires_at: 5 }), replan, clock);
    expect(E.isRight(d) && [d.right.set, d.right.event]).toEqual([
      {
        status: 'PENDING',
        owner_session: '-',
        started_at_kst: '-',
        lease_owner: null,
        lease_expires_at: null,
        notes: 'first | replan:split scope',
        updated_at: '2026-02-10 05:06',
      },
      { type: 'replan', payload: { notes: 'first | replan:split scope', status: 'PENDING' } },
    ]);
  });
  it.each([
    [0, 60],
    [1, 180],
    [2, 600],
  ])('retry of a FAILED row after %s attempts waits %s s and counts the attempt', (attempts, backoff) => {
    const d = decideDb(db({ status: 'FAILED', attempt_count: attempts }), retry, clock);
    expect(E.isRight(d) && [d.right.set.attempt_count, d.right.set.notes, d.right.event.type]).toEqual([
      attempts + 1,
      `first | retry_not_before=${clock.epoch + backoff}`,
      'retried',
    ]);
  });
  it('retry takes an IN_PROGRESS row whose lease expired, not one whose lease holds', () => {
    expect(
      E.isRight(decideDb(db({ status: 'IN_PROGRESS', lease_expires_at: clock.epoch }), retry, clock)),
    ).toBe(true);
    expect(
      refusal(decideDb(db({ status: 'IN_PROGRESS', lease_expires_at: clock.epoch + 1 }), retry, clock)),
    ).toBe('retry allowed only for FAILED or timed-out IN_PROGRESS in db mode: Q-1 (IN_PROGRESS)');
  });
  it('retry refuses a BLOCKED row in db mode, unlike markdown mode', () => {
    expect(refusal(decideDb(db({ status: 'BLOCKED' }), retry, clock))).toBe(
      'retry allowed only for FAILED or timed-out IN_PROGRESS in db mode: Q-1 (BLOCKED)',
    );
  });
  it('retry stops at max_attempts, and reads max_attempts 0 as 3 (`or 3`)', () => {
    expect(refusal(decideDb(db({ status: 'FAILED', attempt_count: 2, max_attempts: 2 }), retry, clock))).toBe(
      'max attempts reached: Q-1 (2/2)',
    );
    expect(refusal(decideDb(db({ status: 'FAILED', attempt_count: 3, max_attempts: 0 }), retry, clock))).toBe(
      'max attempts reached: Q-1 (3/3)',
    );
  });
  it('refuses an unknown id with the reference text', () => {
    expect(refusal(decideDb(undefined, cancel, clock))).toBe('Row id not found: Q-1');
  });
});
