// A streaming byte splitter: turns chunks into complete lines with their positions and keeps the
// unterminated remainder for the next chunk. Memory is bounded by the line cap, not the file: a line
// longer than `maxLineBytes` is handed out as over-long (no text) and its bytes are skipped, never held.
import { isUtf8 } from 'node:buffer';
import type { Cursor } from '../core/position.js';
import { firstInvalidUtf8 } from './utf8.js';

/** One complete line (terminator and a trailing `\r` removed) and where it starts. */
export interface RawLine {
  readonly text: string;
  readonly line: number;
  readonly byteOffset: number;
  /** Byte offset just past this line's `\n`. */
  readonly end: number;
  /** Set when the line was longer than the cap: its length in bytes; `text` is then empty. */
  readonly overLong?: number;
  /**
   * Set when the line is not valid UTF-8: the offset of its first invalid byte within the line. `text`
   * then holds U+FFFD in place of the bad bytes, so a reader must treat the line as corrupt.
   */
  readonly invalidUtf8?: number;
}

/** The default line cap: 64 MiB. A longer line is corrupt, whatever the reader. */
export const DEFAULT_MAX_LINE_BYTES = 64 * 2 ** 20;

const NL = 0x0a;
const CR = 0x0d;
const BOM = Buffer.from([0xef, 0xbb, 0xbf]);
const EMPTY = Buffer.alloc(0);

/** Splits bytes starting at `from` into lines; call `push` per chunk, then read `cursor` and `remainder`. */
export class LineSplitter {
  // The unterminated bytes so far, as the chunks they came in: a line that spans many chunks is joined
  // once, when its `\n` arrives, and only new chunks are searched (joining and rescanning the growing
  // carry on every chunk made a long line cost quadratic time).
  private pending: Buffer[] = [];
  private pendingLength = 0;
  /** Bytes of an over-long line seen so far and dropped; -1 when not inside one. */
  private skipped = -1;
  // What the last push consumed, as pieces: joined only when asked (a digest test), never per chunk.
  private consumedParts: Buffer[] = [];
  private consumedAt: number;
  private base: number;
  private lines: number;

  constructor(
    from: Cursor,
    private readonly maxLineBytes: number = DEFAULT_MAX_LINE_BYTES,
  ) {
    this.base = from.byteOffset;
    this.consumedAt = from.byteOffset;
    this.lines = from.lines;
  }

  /** Complete lines found in `chunk` (plus what was carried over); the unterminated rest is kept. */
  push(chunk: Buffer): RawLine[] {
    const out: RawLine[] = [];
    let rest = chunk;
    for (;;) {
      const firstNl = rest.indexOf(NL);
      const carried = this.skipped >= 0 ? this.skipped : this.pendingLength;
      if (firstNl === -1) {
        this.hold(rest);
        this.consumedParts = [];
        this.consumedAt = this.base;
        return out;
      }
      if (this.skipped < 0 && carried + firstNl <= this.maxLineBytes) break;
      // The first line is over the cap: hand it out without its bytes, then go on after its `\n`.
      out.push(this.overLong(carried + firstNl));
      this.base += carried + firstNl + 1;
      this.pending = [];
      this.pendingLength = 0;
      this.skipped = -1;
      rest = rest.subarray(firstNl + 1);
    }
    this.splitComplete(rest, out);
    return out;
  }

  /** The cursor just past the last complete line. */
  get cursor(): Cursor {
    return { byteOffset: this.base, lines: this.lines };
  }

  /**
   * The bytes the last `push` consumed (through its last `\n`), for digests of what was read; an
   * over-long line's bytes are not held, so they are not in it (see `consumedFrom`).
   */
  get consumed(): Buffer {
    if (this.consumedParts.length > 1) this.consumedParts = [Buffer.concat(this.consumedParts)];
    return this.consumedParts[0] ?? EMPTY;
  }

  /** The byte offset at which `consumed` starts. */
  get consumedFrom(): number {
    return this.consumedAt;
  }

  /** Bytes after the last `\n`: a record still being written (a torn tail), or nothing. Empty when over the cap. */
  get remainder(): Buffer {
    if (this.pending.length > 1) this.pending = [Buffer.concat(this.pending)];
    return this.pending[0] ?? EMPTY;
  }

  /** How many bytes follow the last `\n` (held or, over the cap, skipped). */
  get remainderLength(): number {
    return this.skipped >= 0 ? this.skipped : this.pendingLength;
  }

  /** Keeps an unterminated piece, or only counts it once the line is over the cap. */
  private hold(piece: Buffer): void {
    if (this.skipped >= 0) {
      this.skipped += piece.length;
      return;
    }
    if (this.pendingLength + piece.length > this.maxLineBytes) {
      this.skipped = this.pendingLength + piece.length;
      this.pending = [];
      this.pendingLength = 0;
      return;
    }
    if (piece.length > 0) this.pending.push(piece);
    this.pendingLength += piece.length;
  }

  private splitComplete(chunk: Buffer, out: RawLine[]): void {
    this.consumedAt = this.base;
    this.consumedParts = [];
    let rest = chunk;
    let nl = chunk.indexOf(NL);
    if (this.pendingLength > 0) {
      // The carried line is joined with its own end only: the rest of the chunk is never copied.
      const head = Buffer.concat([...this.pending, chunk.subarray(0, nl + 1)]);
      this.pending = [];
      this.pendingLength = 0;
      this.scan(head, head.length - 1, out);
      rest = chunk.subarray(nl + 1);
      nl = rest.indexOf(NL);
    }
    const used = nl === -1 ? 0 : this.scan(rest, nl, out);
    if (used < rest.length) this.hold(Buffer.from(rest.subarray(used)));
  }

  /** Hands out the complete lines of `buf` (its first `\n` at `firstNl`); returns the bytes they took. */
  private scan(buf: Buffer, firstNl: number, out: RawLine[]): number {
    // One native validity check over every complete line (a newline never sits inside a multi-byte
    // sequence, so valid as a whole means valid line by line); only a buffer that fails it is checked
    // line by line.
    const allValid = isUtf8(buf.subarray(0, buf.lastIndexOf(NL) + 1));
    let start = 0;
    for (let nl = firstNl; nl !== -1; nl = buf.indexOf(NL, start)) {
      out.push(
        nl - start > this.maxLineBytes ? this.overLongAt(start, nl) : this.lineAt(buf, start, nl, allValid),
      );
      start = nl + 1;
    }
    this.consumedParts.push(buf.subarray(0, start));
    this.base += start;
    return start;
  }

  private overLong(length: number): RawLine {
    this.lines += 1;
    const end = this.base + length + 1;
    return { text: '', line: this.lines, byteOffset: this.base, end, overLong: length };
  }

  private overLongAt(start: number, nl: number): RawLine {
    this.lines += 1;
    const byteOffset = this.base + start;
    return { text: '', line: this.lines, byteOffset, end: this.base + nl + 1, overLong: nl - start };
  }

  private lineAt(buf: Buffer, start: number, nl: number, valid: boolean): RawLine {
    let s = start;
    let e = nl;
    const byteOffset = this.base + start;
    if (byteOffset === 0 && buf.length >= 3 && buf.subarray(0, 3).equals(BOM)) s += 3;
    if (e > s && buf[e - 1] === CR) e -= 1;
    this.lines += 1;
    const line = { text: buf.toString('utf8', s, e), line: this.lines, byteOffset, end: this.base + nl + 1 };
    const bad = valid ? -1 : firstInvalidUtf8(buf.subarray(start, nl));
    return bad === -1 ? line : { ...line, invalidUtf8: bad };
  }
}
