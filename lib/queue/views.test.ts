// status / workers / consistency-check lines as ops.py prints them for the same rows.
import { describe, expect, it } from 'vitest';
import { consistencyLines, statusLines, workersLines, type ViewRow } from './views.js';

const r = (id: string, status: string, over: Partial<ViewRow> = {}): ViewRow => ({
  id,
  status,
  priority: 'P1',
  owner_session: '-',
  started_at_kst: '-',
  due_at_kst: '-',
  ...over,
});

describe('status', () => {
  it('counts the five statuses in order and lists IN_PROGRESS rows up to the cap, in queue order', () => {
    const rows = [
      r('A', 'IN_PROGRESS', { owner_session: 'w1', started_at_kst: '2026-02-10 09:00' }),
      r('B', 'DONE'),
      r('C', 'IN_PROGRESS', { priority: 'P0', owner_session: null, started_at_kst: '-' }),
      r('D', 'CANCELLED'),
      r('E', 'IN_PROGRESS'),
    ];
    expect(statusLines(rows, 2)).toEqual([
      'summary PENDING=0 IN_PROGRESS=3 BLOCKED=0 FAILED=0 DONE=1',
      'top_in_progress:',
      '- A (P1) owner=w1 started=2026-02-10 09:00',
      '- C (P0) owner=None started=-',
    ]);
  });
  it('says none when nothing is in progress, and a negative cap drops from the end like a slice', () => {
    expect(statusLines([r('A', 'PENDING')], 5)).toEqual([
      'summary PENDING=1 IN_PROGRESS=0 BLOCKED=0 FAILED=0 DONE=0',
      'top_in_progress: none',
    ]);
    expect(statusLines([r('A', 'IN_PROGRESS'), r('B', 'IN_PROGRESS')], -1)).toHaveLength(3);
  });
});

describe('workers', () => {
  it('groups by owner (empty owner as "-"), sorts owners, takes the first real start as oldest', () => {
    const rows = [
      r('A', 'IN_PROGRESS', { owner_session: 'w2', started_at_kst: '-' }),
      r('B', 'IN_PROGRESS', { owner_session: 'w2', started_at_kst: '2026-02-10 10:00', priority: 'P0' }),
      r('C', 'IN_PROGRESS', { owner_session: '', priority: '' }),
      r('D', 'PENDING', { owner_session: 'w1' }),
      r('E', 'IN_PROGRESS', { owner_session: 'w10', priority: 'P3' }),
    ];
    expect(workersLines(rows)).toEqual([
      'workers_active=3 in_progress=4',
      '- - tasks=1 p0=0 p1=0 p2=1 ids=C oldest_start=-',
      '- w10 tasks=1 p0=0 p1=0 p2=0 ids=E oldest_start=-',
      '- w2 tasks=2 p0=1 p1=1 p2=0 ids=A,B oldest_start=2026-02-10 10:00',
    ]);
  });
  it('says none without IN_PROGRESS rows', () => {
    expect(workersLines([r('A', 'DONE')])).toEqual(['workers: none']);
  });
});

describe('consistency-check', () => {
  it('is ok with the count of distinct markdown ids when both sides agree (NULL reads as empty)', () => {
    const md = [r('A', 'DONE', { due_at_kst: '' }), r('A', 'DONE', { due_at_kst: '' })];
    expect(consistencyLines(md, [r('A', 'DONE', { due_at_kst: null })])).toMatchObject({
      ok: true,
      lines: ['consistency ok total=1'],
    });
  });
  it('lists missing ids in code point order and field mismatches, each capped', () => {
    const md = [
      r('b', 'DONE'),
      r('A', 'PENDING'),
      ...Array.from({ length: 25 }, (_, i) => r(`M${i}`, 'DONE')),
    ];
    const db = [r('A', 'BLOCKED', { owner_session: 'w' }), r('Z', 'DONE')];
    const out = consistencyLines(md, db);
    expect(out.ok).toBe(false);
    expect(out.lines[0]).toBe('consistency mismatch missing_in_db=26 missing_in_md=1 field_mismatch=2');
    expect(out.lines.filter((l) => l.startsWith('- missing_in_db'))).toHaveLength(20);
    expect(out.lines[1]).toBe('- missing_in_db M0');
    expect(out.lines.slice(-3)).toEqual([
      '- missing_in_md Z',
      '- mismatch A:status:md=PENDING db=BLOCKED',
      '- mismatch A:owner_session:md=- db=w',
    ]);
  });
});
