// Paging the event timeline newest first: the request names a byte offset (`before`, a line start)
// and a page size; the reader walks backwards from there in byte chunks and returns the page plus the
// offset of the next (older) page. Pure: query parsing, line numbering and the row an event becomes.
import * as E from 'fp-ts/lib/Either.js';
import { parseJson } from '../core/codec.js';
import type { JsonValue } from '../core/json-schema.js';
import { decodeEvent, nameOf, timestampOf } from './events-index.js';
import type { EventView } from './views.js';

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

/** One page of the timeline as the API answers it, or why there is none. */
export type EventsPage =
  | {
      readonly kind: 'page';
      readonly size: number;
      readonly before: number;
      readonly items: readonly TimelineItem[];
      /** The `before` of the next (older) page; null at the start of the file. */
      readonly nextBefore: number | null;
      readonly tornTail: { readonly byteOffset: number; readonly bytes: number } | null;
    }
  | { readonly kind: 'missing' }
  | { readonly kind: 'bad_request'; readonly error: string };

const EXCERPT = 160;

const detailOf = (v: EventView): string | null => {
  const msg = v.message;
  if (msg !== null) return msg.slice(0, EXCERPT);
  const data = v.data;
  if (data === null) return null;
  const s = JSON.stringify(data);
  return s === '{}' || s === '[]' ? null : s.slice(0, EXCERPT);
};

export type ParsedLine =
  { readonly ok: true; readonly value: JsonValue } | { readonly ok: false; readonly reason: string };

/** Pure: one line's text parsed as JSON, or why it is not. */
export const parsedLine = (text: string): ParsedLine => {
  const p = parseJson(text);
  return E.isRight(p) ? { ok: true, value: p.right as JsonValue } : { ok: false, reason: p.left };
};

/** Pure: a timeline row from one line of events.jsonl (already parsed, or the reason it did not). */
export const timelineItem = (raw: RawBackLine, line: number, parsed: ParsedLine): TimelineItem => {
  const decoded = parsed.ok ? decodeEvent(parsed.value) : E.left(`invalid JSON: ${parsed.reason}`);
  if (E.isLeft(decoded))
    return {
      kind: 'corrupt',
      line,
      byteOffset: raw.byteOffset,
      reason: decoded.left,
      excerpt: raw.text.slice(0, EXCERPT),
    };
  const v = decoded.right;
  return {
    kind: 'record',
    line,
    byteOffset: raw.byteOffset,
    timestamp: timestampOf(v),
    event: nameOf(v),
    role: v.role,
    iteration: v.iteration,
    runId: v.run_id,
    status: v.status,
    detail: detailOf(v),
  };
};
