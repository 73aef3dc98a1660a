// A Source is a stream of positioned records that can be resumed: read batches from a cursor, save a
// cursor (with the source's fingerprint there), and later ask whether that cursor still holds. The
// JSONL file is the first implementation; another engine (a NATS JetStream consumer, say) implements
// the same interface, and reducers never look inside a cursor.
import type * as E from 'fp-ts/lib/Either.js';
import type { Cursor, SourceFingerprint } from '../core/position.js';
import { cursorStart } from '../core/position.js';
import { checkSource, fingerprintAt, type LastLine } from './checkpoints.js';
import { iterateJsonlBatches, type JsonlBatch } from './jsonl.js';

/** A saved place in a source: how far it was consumed and the source's fingerprint there. */
export interface SourceCursor extends Cursor {
  readonly fingerprint: SourceFingerprint;
}

/**
 * Where a resumed read starts. `start`: nothing saved, read from the beginning. `resumed`: the saved
 * cursor still matches (read from `from`). `truncated` / `rotated`: the source changed under the cursor;
 * the caller decides (fail closed, or start over when the operator asked for it).
 */
export type Resumed =
  | { readonly kind: 'start'; readonly from: Cursor }
  | { readonly kind: 'resumed'; readonly from: Cursor; readonly lastLine: LastLine | null }
  | { readonly kind: 'truncated'; readonly detail: string }
  | { readonly kind: 'rotated'; readonly detail: string };

export interface SourceReadOptions {
  /** Read nothing at or past this offset (the size seen when the run began). */
  readonly until?: number;
}

/** A resumable stream of positioned records of type T. */
export interface Source<T> {
  /** How the source is named in messages (the file path for a file). */
  readonly name: string;
  /** Checks a saved cursor against the source as it is now; reads the source, never changes it. */
  resume(saved: SourceCursor | null): Promise<Resumed>;
  /** Batches of records from `from`, then one last batch carrying `end` (torn tail, blank lines). */
  batches(from: Cursor, options?: SourceReadOptions): AsyncIterable<JsonlBatch<T>>;
  /** The cursor to save once everything up to `at` is handled; `lastLine` is the last consumed line. */
  mark(at: Cursor, lastLine: LastLine | null): Promise<SourceCursor>;
}

export interface FileSourceOptions<T> {
  /** Validates each parsed line; Left is why the line is corrupt. */
  readonly decode?: (value: unknown) => E.Either<string, T>;
  /** Hand bad lines out as `corrupt` items instead of failing with CorruptLineError. */
  readonly skipCorrupt?: boolean;
  /** A longer line is corrupt and is skipped without being held (default: the process-wide cap). */
  readonly maxLineBytes?: number;
}

/** Pure: the line a saved cursor last consumed, as its fingerprint recorded it. */
export const lastLineOf = (saved: SourceCursor): LastLine | null => {
  const at = saved.fingerprint.lastLineByteOffset;
  return at === null ? null : { byteOffset: at, end: saved.byteOffset };
};

/**
 * A JSONL file as a Source, with the reader's rules (torn tail not consumed, corruption fails closed
 * with file:line:byte unless skipped). The path must already be confined (see Store / confine).
 */
export const fileSource = <T = unknown>(file: string, options: FileSourceOptions<T> = {}): Source<T> => ({
  name: file,
  async resume(saved) {
    if (saved === null) return { kind: 'start', from: cursorStart };
    const from: Cursor = { byteOffset: saved.byteOffset, lines: saved.lines };
    const check = await checkSource(file, {
      projection: 'cursor',
      version: 1,
      source: saved.fingerprint,
      cursor: from,
      state: null,
    });
    if (!check.ok)
      return check.kind === 'truncated'
        ? { kind: 'truncated', detail: check.detail }
        : { kind: 'rotated', detail: check.detail };
    return { kind: 'resumed', from, lastLine: lastLineOf(saved) };
  },
  batches: (from, read = {}) =>
    iterateJsonlBatches<T>(file, {
      from,
      decode: options.decode,
      skipCorrupt: options.skipCorrupt,
      until: read.until,
      maxLineBytes: options.maxLineBytes,
    }),
  async mark(at, lastLine) {
    return { ...at, fingerprint: await fingerprintAt(file, at, lastLine) };
  },
});
