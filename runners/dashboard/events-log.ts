// The event timeline and event lookups over events.jsonl, using the dashboard's sparse line index so
// that neither reads the file from its start: a page walks backwards from its `before` offset in byte
// chunks; a line number is the nearest indexed line plus the newlines after it; an event's timestamp
// by line is read forward from the nearest indexed line.
import type { FileHandle } from 'node:fs/promises';
import type { JsonValue } from '../../lib/core/json-schema.js';
import type { Cursor } from '../../lib/core/position.js';
import { newlinesInRange } from '../../lib/io/byte-range.js';
import { iterateJsonlBatches } from '../../lib/io/jsonl.js';
import {
  decodeEvent,
  markAtOrBefore,
  markAtOrBeforeLine,
  timestampOf,
  type EventsIndexState,
} from '../../lib/dashboard/events-index.js';
import { timelineItem, type TimelineItem } from '../../lib/dashboard/paging.js';
import { completeEnd, isLineStart, linesBackwards, openIfExists } from '../../lib/io/back-reader.js';

/** The events index as last folded, and the cursor it reflects. */
export interface IndexView {
  readonly state: EventsIndexState;
  readonly cursor: Cursor;
}

/** How many lines lie before `byteOffset` (a line start): the line number of the line ending there. */
export const linesBefore = async (file: string, index: IndexView, byteOffset: number): Promise<number> => {
  const mark = markAtOrBefore(index.state.marks, byteOffset);
  let base =
    mark === null ? { byteOffset: 0, lines: 0 } : { byteOffset: mark.byteOffset, lines: mark.line - 1 };
  if (index.cursor.byteOffset <= byteOffset && index.cursor.byteOffset > base.byteOffset) base = index.cursor;
  return base.lines + (await newlinesInRange(file, base.byteOffset, byteOffset));
};

export type EventsPage =
  | {
      readonly kind: 'page';
      readonly size: number;
      readonly before: number;
      readonly items: readonly TimelineItem[];
      /** The `before` of the next (older) page; null at the start of the file. */
      readonly nextBefore: number | null;
      readonly tornTail: { readonly byteOffset: number; readonly bytes: number } | null;
    }
  | { readonly kind: 'missing' }
  | { readonly kind: 'bad_request'; readonly error: string };

const parsed = (text: string) => {
  try {
    return { ok: true as const, value: JSON.parse(text) as JsonValue };
  } catch (err) {
    return { ok: false as const, reason: (err as Error).message };
  }
};

const checkBefore = async (
  handle: FileHandle,
  size: number,
  before: number | null,
): Promise<string | null> => {
  if (before === null) return null;
  if (before > size) return `before ${before} is past the end of the file (${size} bytes)`;
  return (await isLineStart(handle, before)) ? null : `before ${before} is not the start of a line`;
};

const collect = async (handle: FileHandle, end: number, firstLine: number, limit: number) => {
  const items: TimelineItem[] = [];
  let line = firstLine;
  let nextBefore: number | null = null;
  for await (const raw of linesBackwards(handle, end)) {
    const n = line;
    line -= 1;
    if (raw.blank) continue;
    if (items.length >= limit) break;
    items.push(timelineItem(raw, n, parsed(raw.text)));
    nextBefore = raw.byteOffset > 0 ? raw.byteOffset : null;
  }
  return { items, nextBefore };
};

/** One page of the timeline, newest first, ending just before `before` (null: the end of the file). */
export const readEventsPage = async (
  file: string,
  index: IndexView,
  q: { readonly before: number | null; readonly limit: number },
): Promise<EventsPage> => {
  const handle = await openIfExists(file);
  if (handle === null) return { kind: 'missing' };
  try {
    const size = (await handle.stat()).size;
    const bad = await checkBefore(handle, size, q.before);
    if (bad !== null) return { kind: 'bad_request', error: bad };
    const end = q.before ?? (await completeEnd(handle, size));
    const { items, nextBefore } = await collect(handle, end, await linesBefore(file, index, end), q.limit);
    const tornTail = q.before === null && size > end ? { byteOffset: end, bytes: size - end } : null;
    return { kind: 'page', size, before: end, items, nextBefore, tornTail };
  } finally {
    await handle.close();
  }
};

/** Timestamps of events by line number, cached until the log is folded again from its start. */
export class EventTimes {
  private cache = new Map<number, string | null>();
  private generation = '';

  constructor(readonly file: string) {}

  /** Forget cached lookups when the fold restarted (its first mark changed) or the log shrank. */
  sync(index: IndexView): void {
    const first = index.state.marks[0];
    const gen = `${first?.byteOffset ?? -1}:${index.state.first?.timestamp ?? ''}`;
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
    const mark = markAtOrBeforeLine(index.state.marks, line);
    const from =
      mark === null ? { byteOffset: 0, lines: 0 } : { byteOffset: mark.byteOffset, lines: mark.line - 1 };
    let found: string | null = null;
    for await (const batch of iterateJsonlBatches(this.file, {
      from,
      skipCorrupt: true,
      decode: decodeEvent,
    })) {
      for (const item of batch.items) {
        if (item.position.line > line) return found;
        if (item.kind === 'record') found = timestampOf(item.value) ?? found;
      }
    }
    return found;
  }
}
