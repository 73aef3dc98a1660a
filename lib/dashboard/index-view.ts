// Where to start counting or reading in events.jsonl without reading it from its start: the nearest
// line start the events index knows (a mark every INDEX_EVERY lines, or the fold's cursor) at or
// before a byte offset or a line. Pure: the runner counts newlines or reads records from there.
import type { Cursor } from '../core/position.js';
import { markAtOrBefore, markAtOrBeforeLine, type EventsIndexState } from './events-index.js';

/** The events index as last folded, and the cursor it reflects. */
export interface IndexView {
  readonly state: EventsIndexState;
  readonly cursor: Cursor;
}

const atMark = (mark: { readonly byteOffset: number; readonly line: number } | null): Cursor =>
  mark === null ? { byteOffset: 0, lines: 0 } : { byteOffset: mark.byteOffset, lines: mark.line - 1 };

/** Pure: the nearest known line start at or before `byteOffset`, with the lines before it. */
export const baseBefore = (index: IndexView, byteOffset: number): Cursor => {
  const base = atMark(markAtOrBefore(index.state.marks, byteOffset));
  const c = index.cursor;
  return c.byteOffset <= byteOffset && c.byteOffset > base.byteOffset ? c : base;
};

/** Pure: the nearest indexed line start at or before line `line` (1-based). */
export const baseForLine = (index: IndexView, line: number): Cursor =>
  atMark(markAtOrBeforeLine(index.state.marks, line));

/** Pure: what changes when the log is folded again from its start (its first mark, or first event). */
export const generationOf = (index: IndexView): string =>
  `${index.state.marks[0]?.byteOffset ?? -1}:${index.state.first?.timestamp ?? ''}`;
