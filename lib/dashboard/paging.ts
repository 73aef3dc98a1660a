// Paging the event timeline newest first: the request names a byte offset (`before`, a line start)
// and a page size; the reader walks backwards from there in byte chunks and returns the page plus the
// offset of the next (older) page. Pure: query parsing, line numbering and the row an event becomes.
import { nameOf, timestampOf } from './events-index.js';
import { get, isObject, scalar } from './fields.js';

export const DEFAULT_LIMIT = 50;
export const MAX_LIMIT = 500;

export type PageQuery =
  | { readonly ok: true; readonly before: number | null; readonly limit: number }
  | { readonly ok: false; readonly error: string };

const DIGITS = /^[0-9]{1,15}$/;

const limitOf = (limit: string | null): number | null => {
  if (limit === null || limit === '') return DEFAULT_LIMIT;
  const n = DIGITS.test(limit) ? Number(limit) : 0;
  return n >= 1 && n <= MAX_LIMIT ? n : null;
};

/** Pure: `before` (absent = from the end) and `limit` (1..MAX_LIMIT, default DEFAULT_LIMIT). */
export const pageQuery = (before: string | null, limit: string | null): PageQuery => {
  const fromEnd = before === null || before === '';
  if (!fromEnd && !DIGITS.test(before))
    return { ok: false, error: 'before must be a byte offset (a non-negative integer)' };
  const n = limitOf(limit);
  if (n === null) return { ok: false, error: `limit must be an integer from 1 to ${MAX_LIMIT}` };
  return { ok: true, before: fromEnd ? null : Number(before), limit: n };
};

/** One raw line the backward reader found: where it starts, and its text (terminator stripped). */
export interface RawBackLine {
  readonly byteOffset: number;
  readonly text: string;
}

export type TimelineItem =
  | {
      readonly kind: 'record';
      readonly line: number;
      readonly byteOffset: number;
      readonly timestamp: string | null;
      readonly event: string;
      readonly role: string | null;
      readonly iteration: string | null;
      readonly runId: string | null;
      readonly status: string | null;
      readonly detail: string | null;
    }
  | {
      readonly kind: 'corrupt';
      readonly line: number;
      readonly byteOffset: number;
      readonly reason: string;
      readonly excerpt: string;
    };

const EXCERPT = 160;

const detailOf = (v: unknown): string | null => {
  const msg = scalar(v, 'message');
  if (msg !== null) return msg.slice(0, EXCERPT);
  const data = get(v, 'data');
  if (data === undefined || data === null) return null;
  const s = JSON.stringify(data);
  return s === '{}' || s === '[]' ? null : s.slice(0, EXCERPT);
};

/** Pure: a timeline row from one line of events.jsonl (already parsed, or the reason it did not). */
export const timelineItem = (
  raw: RawBackLine,
  line: number,
  parsed: { readonly ok: true; readonly value: unknown } | { readonly ok: false; readonly reason: string },
): TimelineItem => {
  if (!parsed.ok || !isObject(parsed.value))
    return {
      kind: 'corrupt',
      line,
      byteOffset: raw.byteOffset,
      reason: parsed.ok ? 'record is not a JSON object' : `invalid JSON: ${parsed.reason}`,
      excerpt: raw.text.slice(0, EXCERPT),
    };
  const v = parsed.value;
  return {
    kind: 'record',
    line,
    byteOffset: raw.byteOffset,
    timestamp: timestampOf(v),
    event: nameOf(v),
    role: scalar(v, 'role'),
    iteration: scalar(v, 'iteration'),
    runId: scalar(v, 'run_id'),
    status: scalar(v, 'status'),
    detail: detailOf(v),
  };
};
