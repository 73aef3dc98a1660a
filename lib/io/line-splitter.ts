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

/** Splits bytes starting at `from` into lines; call `push` per chunk, then read `cursor` and `remainder`. */
export class LineSplitter {
  private carry: Buffer = Buffer.alloc(0);
  private consumedBytes: Buffer = Buffer.alloc(0);
  private base: number;
  private lines: number;

  constructor(from: Cursor) {
    this.base = from.byteOffset;
    this.lines = from.lines;
  }

  /** Complete lines found in `chunk` (plus what was carried over); the unterminated rest is kept. */
  push(chunk: Buffer): RawLine[] {
    const buf = this.carry.length > 0 ? Buffer.concat([this.carry, chunk]) : chunk;
    const out: RawLine[] = [];
    let start = 0;
    let nl = buf.indexOf(NL, start);
    while (nl !== -1) {
      out.push(this.lineAt(buf, start, nl));
      start = nl + 1;
      nl = buf.indexOf(NL, start);
    }
    this.base += start;
    this.consumedBytes = buf.subarray(0, start);
    this.carry = start < buf.length ? Buffer.from(buf.subarray(start)) : Buffer.alloc(0);
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
    return this.carry;
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
