// The streaming JSONL reader. Rules (ARCHITECTURE "JSONL reading rules"): `\n` ends a line, a trailing
// `\r` and a BOM on line 1 are ignored, blank lines are skipped and counted; the unterminated last line
// is a torn tail (not consumed, cursor stays before it); any other bad line is corruption: fail closed
// with file:line:byte, or, when asked, hand it out as a `corrupt` item so the caller can quarantine it.
import { createReadStream } from 'node:fs';
import * as E from 'fp-ts/lib/Either.js';
import type { Cursor, Position } from '../core/position.js';
import { cursorStart } from '../core/position.js';
import { parseJson } from '../core/codec.js';
import { LineSplitter, type RawLine } from './line-splitter.js';
import { maxLineBytes } from './line-limit.js';
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
  /** A longer line is corrupt and never held in memory (default: the process-wide cap, 64 MiB). */
  readonly maxLineBytes?: number;
}

const identity = <T>(value: unknown): E.Either<string, T> => E.right(value as T);

interface Acc<T> {
  items: JsonlItem<T>[];
  blank: number;
  last: RawLine | null;
}

// Blank means JSON whitespace only (space, tab, CR): `\s` would also swallow a BOM or a no-break space
// after line 1, which are data (and corrupt), not blank lines.
const BLANK = /^[ \t\r]*$/;
const isBlank = (text: string): boolean => {
  // Nearly every line starts with `{`: only a line that starts with blank space is matched in full.
  const c = text.charCodeAt(0);
  return text.length === 0 || ((c === 0x20 || c === 0x09 || c === 0x0d) && BLANK.test(text));
};

const overLongReason = (raw: RawLine): string =>
  `line of ${raw.overLong ?? 0} bytes is over the line limit (--max-line-bytes); its bytes were skipped`;

// Decoding would silently turn the bad bytes into U+FFFD: a changed value, so the line is corrupt.
const utf8Reason = (raw: RawLine): string =>
  `invalid UTF-8 at byte ${raw.byteOffset + (raw.invalidUtf8 ?? 0)} (offset ${raw.invalidUtf8 ?? 0} in the line)`;

const classify = <T>(raw: RawLine, decode: (v: unknown) => E.Either<string, T>): JsonlItem<T> | 'blank' => {
  const next = { byteOffset: raw.end, lines: raw.line };
  const position = { line: raw.line, byteOffset: raw.byteOffset };
  if (raw.overLong !== undefined)
    return { kind: 'corrupt', position, raw: '', reason: overLongReason(raw), next };
  if (raw.invalidUtf8 !== undefined)
    return { kind: 'corrupt', position, raw: raw.text, reason: utf8Reason(raw), next };
  if (isBlank(raw.text)) return 'blank';
  const parsed = parseJson(raw.text);
  const decoded = E.isRight(parsed) ? decode(parsed.right) : E.left(`invalid JSON: ${parsed.left}`);
  if (E.isRight(decoded)) return { kind: 'record', value: decoded.right, position, next };
  return { kind: 'corrupt', position, raw: raw.text, reason: decoded.left, next };
};

type Corrupt<T> = JsonlItem<T> & { readonly kind: 'corrupt' };

/** Classifies one chunk's lines into `acc`; returns the first corrupt line when not skipping. */
const takeLines = <T>(
  lines: readonly RawLine[],
  acc: Acc<T>,
  decode: (v: unknown) => E.Either<string, T>,
  skipCorrupt: boolean,
): Corrupt<T> | null => {
  acc.items = [];
  for (const raw of lines) {
    const item = classify(raw, decode);
    if (item === 'blank') acc.blank += 1;
    else if (item.kind === 'corrupt' && !skipCorrupt) return item;
    else acc.items.push(item);
    acc.last = raw;
  }
  return null;
};

const endOf = <T>(splitter: LineSplitter, acc: Acc<T>): JsonlEnd => {
  const rest = splitter.remainderLength;
  const cursor = splitter.cursor;
  const tornTail = rest > 0 ? { byteOffset: cursor.byteOffset, bytes: rest } : null;
  const lastLine = acc.last === null ? null : { byteOffset: acc.last.byteOffset, end: acc.last.end };
  return { cursor, tornTail, blankLines: acc.blank, lastLine };
};

/** Hands what the last push consumed (before `before`, if given) to `to`; joins the bytes only for one. */
const reportConsumed = (
  splitter: LineSplitter,
  to: ((bytes: Buffer) => void) | undefined,
  before?: number,
) => {
  if (to === undefined) return;
  const bytes = splitter.consumed;
  to(before === undefined ? bytes : bytes.subarray(0, Math.max(0, before - splitter.consumedFrom)));
};

/** Reads a JSONL file from a cursor as batches (one per chunk), then a final batch carrying `end`. */
export async function* iterateJsonlBatches<T = unknown>(
  file: string,
  options: ReadOptions<T> = {},
): AsyncGenerator<JsonlBatch<T>> {
  const decode = options.decode ?? identity<T>;
  const from = options.from ?? cursorStart;
  const splitter = new LineSplitter(from, options.maxLineBytes ?? maxLineBytes());
  const acc: Acc<T> = { items: [], blank: 0, last: null };
  if (options.until !== undefined && options.until <= from.byteOffset) {
    yield { items: [], cursor: from, end: { cursor: from, tornTail: null, blankLines: 0, lastLine: null } };
    return;
  }
  const stream = createReadStream(file, {
    start: from.byteOffset,
    end: options.until === undefined ? undefined : options.until - 1,
    highWaterMark: options.highWaterMark ?? 1 << 19,
  });
  const onConsumed = options.onConsumed;
  try {
    for await (const chunk of stream) {
      const bad = takeLines(splitter.push(chunk as Buffer), acc, decode, options.skipCorrupt === true);
      if (bad !== null) {
        // The batch below stops before the bad line; onConsumed gets exactly the bytes before it.
        const { line, byteOffset } = bad.position;
        reportConsumed(splitter, onConsumed, byteOffset);
        yield { items: acc.items, cursor: { byteOffset, lines: line - 1 }, end: null };
        throw new CorruptLineError(file, line, byteOffset, bad.reason);
      }
      reportConsumed(splitter, onConsumed);
      yield { items: acc.items, cursor: splitter.cursor, end: null };
    }
  } finally {
    stream.destroy();
  }
  const end = endOf(splitter, acc);
  yield { items: [], cursor: end.cursor, end };
}
