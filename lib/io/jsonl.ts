// The streaming JSONL reader. Rules (ARCHITECTURE "JSONL reading rules"): `\n` ends a line, a trailing
// `\r` and a BOM on line 1 are ignored, blank lines are skipped and counted; the unterminated last line
// is a torn tail (not consumed, cursor stays before it); any other bad line is corruption: fail closed
// with file:line:byte, or, when asked, hand it out as a `corrupt` item so the caller can quarantine it.
import { createReadStream } from 'node:fs';
import { type Observable, concatMap, from as fromArray, from as fromAsync } from 'rxjs';
import * as E from 'fp-ts/lib/Either.js';
import type { Cursor, Position } from '../core/position.js';
import { cursorStart } from '../core/position.js';
import { parseJson } from '../core/codec.js';
import { LineSplitter, type RawLine } from './line-splitter.js';
import { CorruptLineError } from './jsonl-errors.js';

export type JsonlItem<T> =
  | { readonly kind: 'record'; readonly value: T; readonly position: Position; readonly next: Cursor }
  | {
      readonly kind: 'corrupt';
      readonly position: Position;
      readonly raw: string;
      readonly reason: string;
      readonly next: Cursor;
    };

/** What the reader saw at the end: where it stopped, a torn tail if any, blank lines, the last line read. */
export interface JsonlEnd {
  readonly cursor: Cursor;
  readonly tornTail: { readonly byteOffset: number; readonly bytes: number } | null;
  readonly blankLines: number;
  readonly lastLine: { readonly byteOffset: number; readonly end: number } | null;
}

export interface JsonlBatch<T> {
  readonly items: readonly JsonlItem<T>[];
  readonly cursor: Cursor;
  readonly end: JsonlEnd | null;
}

export interface ReadOptions<T> {
  readonly from?: Cursor;
  /** Validates a parsed line; Left is the reason the line is corrupt. */
  readonly decode?: (value: unknown) => E.Either<string, T>;
  /** Hand bad lines out as `corrupt` items instead of failing. */
  readonly skipCorrupt?: boolean;
  /** Receives exactly the bytes consumed (through the last complete line), in order. */
  readonly onConsumed?: (bytes: Buffer) => void;
  readonly highWaterMark?: number;
  /** Read no byte at or past this offset (the size seen when a poll began). */
  readonly until?: number;
}

const identity = <T>(value: unknown): E.Either<string, T> => E.right(value as T);

interface Acc<T> {
  items: JsonlItem<T>[];
  blank: number;
  last: RawLine | null;
}

const classify = <T>(raw: RawLine, decode: (v: unknown) => E.Either<string, T>): JsonlItem<T> | 'blank' => {
  if (raw.text.length === 0 || /^\s*$/.test(raw.text)) return 'blank';
  const next = { byteOffset: raw.end, lines: raw.line };
  const position = { line: raw.line, byteOffset: raw.byteOffset };
  const parsed = parseJson(raw.text);
  const decoded = E.isRight(parsed) ? decode(parsed.right) : E.left(`invalid JSON: ${parsed.left}`);
  if (E.isRight(decoded)) return { kind: 'record', value: decoded.right, position, next };
  return { kind: 'corrupt', position, raw: raw.text, reason: decoded.left, next };
};

/** Reads a JSONL file from a cursor as batches (one per chunk), then a final batch carrying `end`. */
export async function* iterateJsonlBatches<T = unknown>(file: string, options: ReadOptions<T> = {}): AsyncGenerator<JsonlBatch<T>> {
  const decode = options.decode ?? identity<T>;
  const from = options.from ?? cursorStart;
  const splitter = new LineSplitter(from);
  const acc: Acc<T> = { items: [], blank: 0, last: null };
  if (options.until !== undefined && options.until <= from.byteOffset) {
    yield { items: [], cursor: from, end: { cursor: from, tornTail: null, blankLines: 0, lastLine: null } };
    return;
  }
  const stream = createReadStream(file, {
    start: from.byteOffset,
    end: options.until === undefined ? undefined : options.until - 1,
    highWaterMark: options.highWaterMark ?? 1 << 20,
  });
  try {
    for await (const chunk of stream) {
      acc.items = [];
      for (const raw of splitter.push(chunk as Buffer)) {
        const item = classify(raw, decode);
        if (item === 'blank') acc.blank += 1;
        else if (item.kind === 'corrupt' && options.skipCorrupt !== true) {
          yield { items: acc.items, cursor: { byteOffset: item.position.byteOffset, lines: item.position.line - 1 }, end: null };
          throw new CorruptLineError(file, item.position.line, item.position.byteOffset, item.reason);
        } else acc.items.push(item);
        acc.last = raw;
      }
      options.onConsumed?.(splitter.consumed);
      yield { items: acc.items, cursor: splitter.cursor, end: null };
    }
  } finally {
    stream.destroy();
  }
  const rest = splitter.remainder;
  const cursor = splitter.cursor;
  const tornTail = rest.length > 0 ? { byteOffset: cursor.byteOffset, bytes: rest.length } : null;
  const lastLine = acc.last === null ? null : { byteOffset: acc.last.byteOffset, end: acc.last.end };
  yield { items: [], cursor, end: { cursor, tornTail, blankLines: acc.blank, lastLine } };
}

/** The same batches as an Observable (rxjs), for stream composition and tailing. */
export const readJsonlBatches = <T = unknown>(file: string, options: ReadOptions<T> = {}): Observable<JsonlBatch<T>> =>
  fromAsync(iterateJsonlBatches(file, options));

/** Reads a JSONL file from a cursor as an Observable of records (and `corrupt` items when skipping). */
export const readJsonl = <T = unknown>(file: string, options: ReadOptions<T> = {}): Observable<JsonlItem<T>> =>
  readJsonlBatches(file, options).pipe(concatMap((batch) => fromArray(batch.items)));
