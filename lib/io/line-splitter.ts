// A streaming byte splitter: turns chunks into complete lines with their positions and keeps the
// unterminated remainder for the next chunk. Memory is bounded by the longest line, not the file.
import type { Cursor } from '../core/position.js';

/** One complete line (terminator and a trailing `\r` removed) and where it starts. */
export interface RawLine {
  readonly text: string;
  readonly line: number;
  readonly byteOffset: number;
  /** Byte offset just past this line's `\n`. */
  readonly end: number;
}

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
  private consumedBytes: Buffer = EMPTY;
  private base: number;
  private lines: number;

  constructor(from: Cursor) {
    this.base = from.byteOffset;
    this.lines = from.lines;
  }

  /** Complete lines found in `chunk` (plus what was carried over); the unterminated rest is kept. */
  push(chunk: Buffer): RawLine[] {
    const firstNl = chunk.indexOf(NL);
    if (firstNl === -1) {
      if (chunk.length > 0) this.pending.push(chunk);
      this.pendingLength += chunk.length;
      this.consumedBytes = EMPTY;
      return [];
    }
    const buf = this.pending.length > 0 ? Buffer.concat([...this.pending, chunk]) : chunk;
    const out: RawLine[] = [];
    let start = 0;
    let nl = this.pendingLength + firstNl;
    while (nl !== -1) {
      out.push(this.lineAt(buf, start, nl));
      start = nl + 1;
      nl = buf.indexOf(NL, start);
    }
    this.base += start;
    this.consumedBytes = buf.subarray(0, start);
    const rest = start < buf.length ? Buffer.from(buf.subarray(start)) : null;
    this.pending = rest === null ? [] : [rest];
    this.pendingLength = rest?.length ?? 0;
    return out;
  }

  /** The cursor just past the last complete line. */
  get cursor(): Cursor {
    return { byteOffset: this.base, lines: this.lines };
  }

  /** The bytes the last `push` consumed (through its last `\n`), for digests of what was read. */
  get consumed(): Buffer {
    return this.consumedBytes;
  }

  /** Bytes after the last `\n`: a record still being written (a torn tail), or nothing. */
  get remainder(): Buffer {
    if (this.pending.length > 1) this.pending = [Buffer.concat(this.pending)];
    return this.pending[0] ?? EMPTY;
  }

  private lineAt(buf: Buffer, start: number, nl: number): RawLine {
    let s = start;
    let e = nl;
    const byteOffset = this.base + start;
    if (byteOffset === 0 && buf.length >= 3 && buf.subarray(0, 3).equals(BOM)) s += 3;
    if (e > s && buf[e - 1] === CR) e -= 1;
    this.lines += 1;
    return { text: buf.toString('utf8', s, e), line: this.lines, byteOffset, end: this.base + nl + 1 };
  }
}
