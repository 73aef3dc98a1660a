// The last N records of a telemetry log, kept in memory and brought up to date incrementally: the
// first read walks backwards from the end (the window, not the history before it); later reads resume
// the log as a Source from the saved cursor and take only the bytes appended since. A log the Source
// finds truncated or rotated under the cursor is read backwards again. Corrupt lines are skipped and
// the first one seen is reported with file:line (its line number is counted only then).
import type { Handle } from '../../lib/io/direct-fs.js';
import { corruptLine } from '../../lib/dashboard/artifact-state.js';
import type { ArtifactState } from '../../lib/dashboard/outputs.js';
import { keepLast, lineRecord, type SeenCorrupt } from '../../lib/dashboard/tail.js';
import type { Cursor } from '../../lib/core/position.js';
import { completeEnd, linesBackwards, openIfExists } from '../../lib/io/back-reader.js';
import { newlinesInRange } from '../../lib/io/byte-range.js';
import type { LastLine } from '../../lib/io/checkpoints.js';
import { fileSource, type Source, type SourceCursor } from '../../lib/io/source.js';
import { refusalOf } from './file-checks.js';

export class TailWindow {
  private items: unknown[] = [];
  private saved: SourceCursor | null = null;
  private corrupt: SeenCorrupt | null = null;
  private kind: 'missing' | 'empty' | 'ok' = 'missing';
  private readonly source: Source<unknown>;

  constructor(
    readonly file: string,
    readonly shownAs: string,
    readonly size: number,
    /** The repo: a log outside it, or not a regular file, is refused (never opened). */
    readonly root: string,
  ) {
    this.source = fileSource(file, { skipCorrupt: true });
  }

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
    const line = c.line ?? (await newlinesInRange(this.file, 0, c.byteOffset)) + 1;
    this.corrupt = { ...c, line };
    return corruptLine(this.shownAs, { line, byteOffset: c.byteOffset }, c.reason);
  }

  private reset(corrupt: SeenCorrupt | null = null): void {
    this.items = [];
    this.saved = null;
    this.corrupt = corrupt;
  }

  /** Brings the window up to date with the file. */
  async update(): Promise<void> {
    const refused = await refusalOf(this.root, this.file);
    const handle = refused === null ? await openIfExists(this.file) : null;
    if (handle === null) {
      this.kind = 'missing';
      return this.reset(refused === null ? null : { byteOffset: 0, reason: `refused: ${refused}`, line: 1 });
    }
    try {
      const size = (await handle.stat()).size;
      this.kind = size === 0 ? 'empty' : 'ok';
      const resumed = this.saved === null ? null : await this.source.resume(this.saved);
      if (resumed?.kind === 'resumed') await this.forward(resumed.from, resumed.lastLine);
      else await this.backward(handle, size);
    } finally {
      await handle.close();
    }
  }

  private async backward(handle: Handle, size: number): Promise<void> {
    this.reset();
    const end = await completeEnd(handle, size);
    const newestFirst: unknown[] = [];
    let lastLine: LastLine | null = null;
    for await (const line of linesBackwards(handle, end)) {
      lastLine ??= { byteOffset: line.byteOffset, end };
      if (newestFirst.length >= this.size) break;
      if (line.blank) continue;
      const got = lineRecord(line.byteOffset, line.text);
      if (got.ok) newestFirst.push(got.value);
      else this.corrupt = got.corrupt;
    }
    this.items = newestFirst.reverse();
    this.saved = await this.source.mark({ byteOffset: end, lines: 0 }, lastLine);
  }

  private async forward(from: Cursor, lastLine: LastLine | null): Promise<void> {
    const added: unknown[] = [];
    let end = null;
    for await (const batch of this.source.batches(from)) {
      for (const item of batch.items)
        if (item.kind === 'record') added.push(item.value);
        else this.corrupt ??= { byteOffset: item.position.byteOffset, reason: item.reason, line: null };
      end = batch.end ?? end;
    }
    this.items = keepLast(this.items, added, this.size);
    if (end !== null && end.cursor.byteOffset !== from.byteOffset)
      this.saved = await this.source.mark(end.cursor, end.lastLine ?? lastLine);
  }
}
