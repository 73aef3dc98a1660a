// The markdown plans: what a command appends to the audit log and how QUEUE.md's text changes, as data.
import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import { parseQueueMarkdown, renderRow } from './markdown.js';
import { markdownRowOf, planExport, planMarkdown, type MdRead } from './md-plan.js';
import type { DbRow, QueueRow } from './row.js';

const row = (id: string, status = 'PENDING'): QueueRow => ({
  id,
  status,
  priority: 'P1',
  task: `task ${id}`,
  success_criteria: 'ok',
  owner_session: '-',
  started_at_kst: '-',
  due_at_kst: '-',
  notes: '',
});

const readOf = (rows: readonly QueueRow[]): MdRead => {
  const text = [
    '# Q',
    '',
    '| id | status | priority | task | success_criteria | owner_session | started_at_kst | due_at_kst | notes |',
    '|---|---|---|---|---|---|---|---|---|',
    ...rows.map(renderRow),
    '',
    'after',
    '',
  ].join('\n');
  const doc = parseQueueMarkdown(text);
  if (E.isLeft(doc)) throw new Error(doc.left.message);
  return { text, doc: doc.right };
};
const meta = { queue: 'QUEUE.md', ts: '2026-02-10T03:00:00.000Z' };

describe('given a table of two rows, when the second is cancelled', () => {
  const read = readOf([row('A'), row('B')]);
  const plan = planMarkdown(read, { kind: 'cancel', id: 'B' }, meta);
  it('then the audit line names the row, its line and the cells before and after', () => {
    expect(E.isRight(plan) && plan.right.audit).toEqual({
      ...meta,
      command: 'cancel',
      id: 'B',
      line: 6,
      status: 'BLOCKED',
      from: { status: 'PENDING', notes: '' },
      to: { status: 'BLOCKED', notes: 'cancelled_by_operator' },
    });
  });
  it('then only that row line changes in the text', () => {
    const before = read.text.split('\n');
    const after = E.isRight(plan) ? plan.right.text.split('\n') : [];
    expect(after.filter((l, i) => l !== before[i])).toEqual([
      renderRow({ ...row('B'), status: 'BLOCKED', notes: 'cancelled_by_operator' }),
    ]);
  });
});

describe('given a terminal row, when it is cancelled', () => {
  it('then the plan is the reference refusal and nothing to write', () => {
    const plan = planMarkdown(readOf([row('A', 'DONE')]), { kind: 'cancel', id: 'A' }, meta);
    expect(plan).toEqual(E.left({ message: 'cannot cancel terminal item: A (DONE)', reason: 'terminal' }));
  });
});

describe('given database rows, when they are exported to a queue that does not exist yet', () => {
  it('then cells print as Python prints them and the text is a fresh QUEUE.md holding them', () => {
    const db = { ...row('A'), owner_session: null, due_at_kst: 7 } as unknown as DbRow;
    const rows = [markdownRowOf(db)];
    expect(rows[0]).toMatchObject({ owner_session: 'None', due_at_kst: '7' });
    const plan = planExport(null, rows, { ...meta, db: 'q.db' });
    expect(E.isRight(plan) && plan.right.audit).toEqual({ ...meta, command: 'export-md', db: 'q.db', rows });
    expect(E.isRight(plan) && plan.right.text).toContain(renderRow(rows[0] as QueueRow));
  });
});
