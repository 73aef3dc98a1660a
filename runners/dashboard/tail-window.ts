// The last N records of a telemetry log, kept in memory and brought up to date incrementally: the
// first read walks backwards from the end (the window, not the history before it); later reads take
// only the bytes appended since. A file that shrank, was replaced (new inode) or no longer has a line
// boundary at the cursor is read backwards again. Corrupt lines are skipped and the first one seen is
// reported with file:line (its line number is counted only then).
import { promises as fsp } from 'node:fs';
import type { Stats } from 'node:fs';
import { newlinesInRange } from '../../lib/io/byte-range.js';
import { iterateJsonlBatches } from '../../lib/io/jsonl.js';
import { corruptLine, type ArtifactState } from '../../lib/dashboard/artifact-state.js';
import { completeEnd, isLineStart, linesBackwards } from '../../lib/io/back-reader.js';
import { refusalOf } from './loop-files.js';

interface Seen {
  readonly byteOffset: number;
  readonly reason: string;
  line: number | null;
}

export class TailWindow {
  private items: unknown[] = [];
  private cursor = 0;
  private ino = -1;
  private corrupt: Seen | null = null;
  private kind: 'missing' | 'empty' | 'ok' = 'missing';

  constructor(
    readonly file: string,
    readonly shownAs: string,
    readonly size: number,
    /** The repo: a log outside it, or not a regular file, is refused (never opened). */
    readonly root: string,
  ) {}

  /** Records oldest first. */
  get records(): readonly unknown[] {
    return this.items;
  }

  /** Records newest first. */
  newest(n: number): unknown[] {
    return this.items.slice(-n).reverse();
  }

  get last(): unknown {
    return this.items[this.items.length - 1] ?? null;
  }

  async artifact(): Promise<ArtifactState> {
    const c = this.corrupt;
    if (c === null) return { file: this.shownAs, kind: this.kind };
    c.line ??= (await newlinesInRange(this.file, 0, c.byteOffset)) + 1;
    return corruptLine(this.shownAs, { line: c.line, byteOffset: c.byteOffset }, c.reason);
  }

  private reset(): void {
    this.items = [];
    this.cursor = 0;
    this.ino = -1;
    this.corrupt = null;
  }

  private push(v: unknown): void {
    this.items.push(v);
    if (this.items.length > this.size) this.items.splice(0, this.items.length - this.size);
  }

  private noteCorrupt(byteOffset: number, reason: string): void {
    this.corrupt ??= { byteOffset, reason, line: null };
  }

  private async still(st: Stats, handle: fsp.FileHandle): Promise<boolean> {
    return st.ino === this.ino && st.size >= this.cursor && (await isLineStart(handle, this.cursor));
  }

  /** Brings the window up to date with the file. */
  async update(): Promise<void> {
    const refused = await refusalOf(this.root, this.file);
    if (refused !== null) {
      this.reset();
      this.kind = 'missing';
      this.corrupt = { byteOffset: 0, reason: `refused: ${refused}`, line: 1 };
      return;
    }
    let handle: fsp.FileHandle;
    try {
      handle = await fsp.open(this.file, 'r');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
      this.reset();
      this.kind = 'missing';
      return;
    }
    try {
      const st = await handle.stat();
      this.kind = st.size === 0 ? 'empty' : 'ok';
      if (this.ino !== -1 && (await this.still(st, handle))) await this.forward();
      else await this.backward(handle, st);
    } finally {
      await handle.close();
    }
  }

  private async backward(handle: fsp.FileHandle, st: Stats): Promise<void> {
    this.reset();
    this.ino = st.ino;
    this.cursor = await completeEnd(handle, st.size);
    const newestFirst: unknown[] = [];
    for await (const line of linesBackwards(handle, this.cursor)) {
      if (newestFirst.length >= this.size) break;
      if (line.blank) continue;
      try {
        newestFirst.push(JSON.parse(line.text) as unknown);
      } catch (err) {
        this.corrupt = {
          byteOffset: line.byteOffset,
          reason: `invalid JSON: ${(err as Error).message}`,
          line: null,
        };
      }
    }
    this.items = newestFirst.reverse();
  }

  private async forward(): Promise<void> {
    const from = { byteOffset: this.cursor, lines: 0 };
    for await (const batch of iterateJsonlBatches(this.file, { from, skipCorrupt: true })) {
      for (const item of batch.items) {
        if (item.kind === 'record') this.push(item.value);
        else this.noteCorrupt(item.position.byteOffset, item.reason);
      }
      this.cursor = batch.cursor.byteOffset;
    }
  }
}
