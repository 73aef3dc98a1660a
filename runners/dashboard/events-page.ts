// The event timeline over events.jsonl, using the dashboard's sparse line index so that it never
// reads the file from its start: a page walks backwards from its `before` offset in byte chunks; a
// line number is the nearest indexed line plus the newlines after it.
import type { Handle } from '../../lib/io/direct-fs.js';
import { baseBefore, type IndexView } from '../../lib/dashboard/index-view.js';
import { parsedLine, timelineItem, type EventsPage, type TimelineItem } from '../../lib/dashboard/paging.js';
import { completeEnd, isLineStart, linesBackwards, openIfExists } from '../../lib/io/back-reader.js';
import { newlinesInRange } from '../../lib/io/byte-range.js';

/** How many lines lie before `byteOffset` (a line start): the line number of the line ending there. */
const linesBefore = async (file: string, index: IndexView, byteOffset: number): Promise<number> => {
  const base = baseBefore(index, byteOffset);
  return base.lines + (await newlinesInRange(file, base.byteOffset, byteOffset));
};

const checkBefore = async (handle: Handle, size: number, before: number | null) => {
  if (before === null) return null;
  if (before > size) return `before ${before} is past the end of the file (${size} bytes)`;
  return (await isLineStart(handle, before)) ? null : `before ${before} is not the start of a line`;
};

const collect = async (handle: Handle, end: number, firstLine: number, limit: number) => {
  const items: TimelineItem[] = [];
  let line = firstLine;
  let nextBefore: number | null = null;
  for await (const raw of linesBackwards(handle, end)) {
    const n = line;
    line -= 1;
    if (raw.blank) continue;
    if (items.length >= limit) break;
    items.push(timelineItem(raw, n, parsedLine(raw.text)));
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
