// Where an event sits in its source, and what a fold needs to resume from there.
// A position is 1-based line plus the byte offset of the line start; a cursor is the byte offset and
// line count just past the last consumed line, so resuming costs only the appended bytes.
import type { Sha256State } from './sha256.js';

/** The place of one record in its source: 1-based line number and byte offset of the line's start. */
export interface Position {
  readonly line: number;
  readonly byteOffset: number;
}

/** How far a reader has consumed a source: bytes and complete lines (terminated by `\n`) before the next read. */
export interface Cursor {
  readonly byteOffset: number;
  readonly lines: number;
}

export const cursorStart: Cursor = { byteOffset: 0, lines: 0 };

/**
 * A cheap identity of a source at a cursor: size, inode, sha256 of its first 64 KiB (as far as the
 * cursor), sha256 of the last consumed line. Never a hash of the whole prefix.
 */
export interface SourceFingerprint {
  readonly size: number;
  readonly inode: number;
  readonly headSha256: string;
  /** Where the last consumed line starts, and the sha256 of its bytes (terminator included). */
  readonly lastLineByteOffset: number | null;
  readonly lastLineSha256: string | null;
}

/** A projection's state saved with the cursor it reflects and the fingerprint of its source there. */
export interface Checkpoint<S> {
  readonly projection: string;
  readonly version: number;
  readonly source: SourceFingerprint;
  readonly cursor: Cursor;
  readonly state: S;
  /** The sha256 mid-state of the consumed bytes, so whole-file digests cost only the appended bytes. */
  readonly digest?: Sha256State;
}

/** Pure: does `b` come at or after `a`? Cursors never move backwards within one source. */
export const cursorNotBefore = (a: Cursor, b: Cursor): boolean =>
  b.byteOffset >= a.byteOffset && b.lines >= a.lines;
