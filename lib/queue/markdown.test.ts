// QUEUE.md parsing as orch.py's QueueFile parses it (expected rows checked against the reference), and
// the writer's promise: a mutation replaces the touched row's bytes and nothing else.
import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import {
  newQueueMarkdown,
  parseQueueMarkdown,
  renderRow,
  replaceLine,
  replaceRows,
  sanitizeCell,
} from './markdown.js';
import type { QueueRow } from './row.js';

const HEADER =
  '| id | status | priority | task | success_criteria | owner_session | started_at_kst | due_at_kst | notes |\n' +
  '|---|---|---|---|---|---|---|---|---|\n';
const A = '| A | PENDING | P1 | t | c | - | - | - | n |\n';
const cellsOf = (text: string) => {
  const doc = parseQueueMarkdown(text);
  if (E.isLeft(doc)) throw new Error(doc.left.message);
  return doc.right.rows.map((r) => Object.values(r.row));
};
const errorOf = (text: string) => {
  const doc = parseQueueMarkdown(text);
  if (E.isRight(doc)) throw new Error('expected an error');
  return doc.left;
};

describe('when QUEUE.md is read', () => {
  it('takes the rows up to the first line that does not start with |', () => {
    expect(cellsOf(`x\n${HEADER}${A}\n| B | P | P1 | t | c | - | - | - | n |\n`)).toEqual([
      ['A', 'PENDING', 'P1', 't', 'c', '-', '-', '-', 'n'],
    ]);
  });
  it('strips every outer pipe, as str.strip("|") does', () => {
    expect(cellsOf(`${HEADER}||A|P|P1|t|c|-|-|-|n||\n`)).toEqual([
      ['A', 'P', 'P1', 't', 'c', '-', '-', '-', 'n'],
    ]);
  });
  it('finds an indented header and reads CRLF lines', () => {
    expect(cellsOf(`  ${HEADER.replace(/\n/g, '\r\n')}${A.replace('\n', '\r\n')}after`)).toHaveLength(1);
  });
  it('reads a table with no rows, and a header with no separator', () => {
    expect(cellsOf(HEADER)).toEqual([]);
    expect(cellsOf('| id | status | priority | task |')).toEqual([]);
  });
});

describe('when the table is malformed', () => {
  it('names the line and the column where a tenth cell starts', () => {
    expect(errorOf(`# Q\n\n${HEADER}${A}| B | P | P1 | t | c | - | - | - | n | x |\n`)).toEqual({
      message: 'Expected 9 cells in row, got 10: | B | P | P1 | t | c | - | - | - | n | x |',
      line: 6,
      column: 38,
    });
  });
  it('names the column just past the text when cells are missing (an empty last cell written as ||)', () => {
    expect(errorOf(`${HEADER}|A|P|P1|t|c|-|-|-||\n`)).toMatchObject({
      message: 'Expected 9 cells in row, got 8: |A|P|P1|t|c|-|-|-||',
      line: 3,
      column: 20,
    });
  });
  it('splits a row at U+2028 as Python does, so the row is short', () => {
    expect(errorOf(`${HEADER}| A | P | P1 | t\u2028x | c | - | - | - | n |\n`).message).toBe(
      'Expected 9 cells in row, got 4: | A | P | P1 | t',
    );
  });
  it('reports a missing header without a line', () => {
    expect(errorOf('no table\n')).toEqual({
      message: 'Queue table header not found',
      line: null,
      column: null,
    });
  });
});

const row: QueueRow = {
  id: 'A',
  status: 'BLOCKED',
  priority: 'P1',
  task: 't',
  success_criteria: 'c',
  owner_session: '-',
  started_at_kst: '-',
  due_at_kst: '-',
  notes: 'n | cancelled_by_operator',
};

describe('when a row is written', () => {
  it('renders cells as _row_to_line does: pipes become slashes, newlines spaces', () => {
    expect(renderRow({ ...row, task: ' two\nlines ' })).toBe(
      '| A | BLOCKED | P1 | two lines | c | - | - | - | n / cancelled_by_operator |',
    );
  });
  it('turns the other characters Python breaks lines at into spaces', () => {
    expect(sanitizeCell('a\rb\u2028c\x1ed')).toBe('a b c d');
  });
  it('replaces only the touched line: CRLF, odd spacing and the text around it keep their bytes', () => {
    const text = `pre\r\n${HEADER.replace(/\n/g, '\r\n')}|A|P|P1|t|c|-|-|-|n|\r\n|  B | P |P1|t|c|-|-|-|n |\r\npost`;
    const doc = parseQueueMarkdown(text);
    if (E.isLeft(doc)) throw new Error(doc.left.message);
    const b = doc.right.rows[1];
    if (b === undefined) throw new Error('no row B');
    const out = replaceLine(text, doc.right, b.index, renderRow({ ...row, id: 'B' }));
    expect(out).toBe(
      `pre\r\n${HEADER.replace(/\n/g, '\r\n')}|A|P|P1|t|c|-|-|-|n|\r\n${renderRow({ ...row, id: 'B' })}\r\npost`,
    );
  });
  it('replaces every row on export, keeping header, separator and the text after the table', () => {
    const text = `# Q\n${HEADER}${A}\n## Tail\n`;
    const doc = parseQueueMarkdown(text);
    if (E.isLeft(doc)) throw new Error(doc.left.message);
    expect(replaceRows(text, doc.right, [row, { ...row, id: 'C' }])).toEqual(
      E.right(`# Q\n${HEADER}${renderRow(row)}\n${renderRow({ ...row, id: 'C' })}\n\n## Tail\n`),
    );
  });
  it('refuses to export into a table whose header is the last line', () => {
    const text = '| id | status | priority | task |';
    const doc = parseQueueMarkdown(text);
    if (E.isLeft(doc)) throw new Error(doc.left.message);
    expect(E.isLeft(replaceRows(text, doc.right, [row]))).toBe(true);
  });
  it('writes a new QUEUE.md that parses back to the same rows', () => {
    expect(cellsOf(newQueueMarkdown([row]))).toEqual([
      Object.values({ ...row, notes: 'n / cancelled_by_operator' }),
    ]);
  });
});
