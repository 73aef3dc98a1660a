// Timestamps of events by line number, for the chart's x axis: read forward through events.jsonl as a
// Source from the nearest indexed line, and cached until the log is folded again from its start.
import { decodeEvent, timestampOf } from '../../lib/dashboard/events-index.js';
import { baseForLine, generationOf, type IndexView } from '../../lib/dashboard/index-view.js';
import type { EventView } from '../../lib/dashboard/views.js';
import { fileSource, type Source } from '../../lib/io/source.js';

export class EventTimes {
  private cache = new Map<number, string | null>();
  private generation = '';
  private readonly source: Source<EventView>;

  constructor(readonly file: string) {
    this.source = fileSource(file, { decode: decodeEvent, skipCorrupt: true });
  }

  /** Forget cached lookups when the fold restarted (its first mark changed) or the log shrank. */
  sync(index: IndexView): void {
    const gen = generationOf(index);
    if (gen !== this.generation || index.cursor.lines < Math.max(0, ...this.cache.keys())) {
      this.cache = new Map();
      this.generation = gen;
    }
  }

  /** Looks up (and caches) the timestamps of the given lines; a line past the fold is left unknown. */
  async load(index: IndexView, lines: readonly number[]): Promise<void> {
    for (const line of [...new Set(lines)].sort((a, b) => a - b)) {
      if (this.cache.has(line) || line < 1 || line > index.cursor.lines) continue;
      this.cache.set(line, await this.lookup(index, line));
    }
  }

  /** The timestamp of the last record at or before `line`, as loaded. */
  at(line: number): string | null {
    return this.cache.get(line) ?? null;
  }

  private async lookup(index: IndexView, line: number): Promise<string | null> {
    let found: string | null = null;
    for await (const batch of this.source.batches(baseForLine(index, line)))
      for (const item of batch.items) {
        if (item.position.line > line) return found;
        if (item.kind === 'record') found = timestampOf(item.value) ?? found;
      }
    return found;
  }
}
