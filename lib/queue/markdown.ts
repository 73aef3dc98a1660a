// QUEUE.md as the reference reads it (orch.py `QueueFile`): the table starts at the first line whose
// stripped text begins with `| id | status | priority | task |`, the next line is the separator (not
// read), and rows run until the first line that does not start with `|`. A row is its stripped text
// with outer pipes removed, split on `|`, each cell stripped; anything but nine cells is an error.
// Unlike the reference's `save()`, which re-renders every row and normalises line endings, a mutation
// here replaces the bytes of the touched row only. Pure.
import * as E from 'fp-ts/lib/Either.js';
import { HEADER_PREFIX, ROW_FIELDS, type QueueRow } from './row.js';
import {
  pyLeadingWhitespace,
  pySplitLines,
  pyStrip,
  pyStripChar,
  replacePyLineBreaks,
  type LineSpan,
} from './pytext.js';

/** A row of the table and the index of its line in `lines`. */
export interface DocRow {
  readonly row: QueueRow;
  readonly index: number;
}

export interface QueueDoc {
  readonly lines: readonly LineSpan[];
  /** Index of the header line; the separator is the line after it. */
  readonly tableStart: number;
  /** Index of the first line after the table (lines.length when the table runs to the end). */
  readonly tableEnd: number;
  readonly rows: readonly DocRow[];
}

/** Why a QUEUE.md cannot be read: the reference's message, and the 1-based line and column (when known). */
export interface TableError {
  readonly message: string;
  readonly line: number | null;
  readonly column: number | null;
}

const CELLS = ROW_FIELDS.length;

const findHeader = (lines: readonly LineSpan[]): number =>
  lines.findIndex((l) => pyStrip(l.text).startsWith(HEADER_PREFIX));

const findEnd = (lines: readonly LineSpan[], start: number): number => {
  for (let i = start + 2; i < lines.length; i += 1)
    if (!pyStrip(lines[i]?.text ?? '').startsWith('|')) return i;
  return lines.length;
};

// Where a row goes wrong: the pipe that opens the tenth cell, or just past the text when cells are missing.
const badColumn = (text: string, cells: number): number => {
  const lead = pyLeadingWhitespace(text);
  const stripped = pyStrip(text);
  if (cells < CELLS) return lead + stripped.length + 1;
  let at = lead;
  while (text[at] === '|') at += 1;
  for (let seen = 0; at < text.length; at += 1) {
    if (text[at] === '|') seen += 1;
    if (seen === CELLS) break;
  }
  return at + 1;
};

/** Pure: the nine cells of a row line, or the reference's error with the line and column. */
export const splitRow = (text: string, lineNo: number): E.Either<TableError, QueueRow> => {
  const cells = pyStripChar(pyStrip(text), '|').split('|').map(pyStrip);
  if (cells.length !== CELLS)
    return E.left({
      message: `Expected 9 cells in row, got ${cells.length}: ${text}`,
      line: lineNo,
      column: badColumn(text, cells.length),
    });
  return E.right(Object.fromEntries(ROW_FIELDS.map((f, i) => [f, cells[i] ?? ''])) as QueueRow);
};

/** Pure: parses QUEUE.md text as the reference does. */
export const parseQueueMarkdown = (text: string): E.Either<TableError, QueueDoc> => {
  const lines = pySplitLines(text);
  const tableStart = findHeader(lines);
  if (tableStart < 0) return E.left({ message: 'Queue table header not found', line: null, column: null });
  const tableEnd = findEnd(lines, tableStart);
  const rows: DocRow[] = [];
  for (let index = tableStart + 2; index < tableEnd; index += 1) {
    const line = lines[index]?.text ?? '';
    if (pyStrip(line) === '' || !pyStrip(line).startsWith('|')) continue;
    const row = splitRow(line, index + 1);
    if (E.isLeft(row)) return row;
    rows.push({ row: row.right, index });
  }
  return E.right({ lines, tableStart, tableEnd, rows });
};

/**
 * Pure: the reference's `_sanitize_cell` (newline → space, `|` → `/`, strip). The other characters
 * Python breaks lines at become spaces too: the reference writes them through and its next read of
 * the file splits the row.
 */
export const sanitizeCell = (value: string): string =>
  pyStrip(replacePyLineBreaks(value.replace(/\n/g, ' ').replace(/\|/g, '/')));

/** Pure: a row rendered as the reference's `_row_to_line` renders it. */
export const renderRow = (row: QueueRow): string =>
  `| ${ROW_FIELDS.map((f) => sanitizeCell(row[f])).join(' | ')} |`;

/** Pure: `text` with the content of line `index` replaced by `line` (terminator and every other byte kept). */
export const replaceLine = (text: string, doc: QueueDoc, index: number, line: string): string => {
  const span = doc.lines[index];
  if (span === undefined) throw new RangeError(`no line ${index + 1}`);
  return `${text.slice(0, span.start)}${line}${text.slice(span.end)}`;
};

const terminatorOf = (text: string, span: LineSpan | undefined): string => {
  if (span === undefined || span.next === span.end) return '\n';
  return text.slice(span.end, span.next) === '\r\n' ? '\r\n' : '\n';
};

/**
 * Pure: `text` with every table row replaced by `rows` (what render_queue_md.py does), keeping the
 * header, the separator and everything around the table byte for byte. Left when there is no separator.
 */
export const replaceRows = (
  text: string,
  doc: QueueDoc,
  rows: readonly QueueRow[],
): E.Either<string, string> => {
  const sep = doc.lines[doc.tableStart + 1];
  if (sep === undefined) return E.left('the table header is the last line: there is no separator line');
  const nl = terminatorOf(text, doc.lines[doc.tableStart]);
  const head = sep.next === sep.end ? `${text.slice(0, sep.end)}${nl}` : text.slice(0, sep.next);
  const tail = doc.lines[doc.tableEnd];
  const rest = tail === undefined ? '' : text.slice(tail.start);
  return E.right(`${head}${rows.map((r) => `${renderRow(r)}${nl}`).join('')}${rest}`);
};

/** Pure: a fresh QUEUE.md holding `rows`, for export into a file that does not exist yet. */
export const newQueueMarkdown = (rows: readonly QueueRow[]): string =>
  [
    '# Orchestrator Queue',
    '',
    '## Queue',
    '',
    `| ${ROW_FIELDS.join(' | ')} |`,
    `|${ROW_FIELDS.map(() => '---').join('|')}|`,
    ...rows.map(renderRow),
    '',
  ].join('\n');
