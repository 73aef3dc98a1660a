// Draining a positioned consumer in fetches of at most `fetchSize` messages, up to the end of the
// stream as it was when the read began (the stream's `until`). A message whose line lies before the
// cursor (a resend the duplicate window did not catch) is skipped, so no line is folded twice.
import type { JsMsg } from '@nats-io/jetstream';
import type { Cursor } from '../../core/position.js';
import type { JsonlBatch, JsonlEnd, JsonlItem } from '../jsonl.js';
import type { Positioned } from './consumer.js';

/** Where the read stands: the first sequence to fetch, and the last sequence consumed. */
export interface Reading {
  startSeq: number;
  lastSeq: number;
}

export interface ReadPlan<T> {
  readonly item: (msg: JsMsg) => JsonlItem<T> | null;
  readonly fetchSize: number;
  readonly name: string;
}

const FETCH_EXPIRES_MS = 5000;

interface Walk {
  cursor: Cursor;
  blank: number;
  lastLine: JsonlEnd['lastLine'];
}

const take = <T>(walk: Walk, item: JsonlItem<T>, out: JsonlItem<T>[]): void => {
  if (item.position.byteOffset < walk.cursor.byteOffset) return;
  walk.blank += Math.max(0, item.position.line - walk.cursor.lines - 1);
  walk.cursor = item.next;
  walk.lastLine = { byteOffset: item.position.byteOffset, end: item.next.byteOffset };
  out.push(item);
};

/** The consumer's messages as the file reader's batches, then the end batch. */
export async function* batchesOf<T>(
  open: () => Promise<Positioned>,
  from: Cursor,
  reading: Reading,
  plan: ReadPlan<T>,
): AsyncGenerator<JsonlBatch<T>> {
  const { consumer, pending } = await open();
  const walk: Walk = { cursor: from, blank: 0, lastLine: null };
  let left = pending;
  while (left > 0) {
    const msgs = await consumer.fetch({
      max_messages: Math.min(plan.fetchSize, left),
      expires: FETCH_EXPIRES_MS,
    });
    const items: JsonlItem<T>[] = [];
    let got = 0;
    for await (const m of msgs) {
      got += 1;
      reading.lastSeq = m.seq;
      const item = plan.item(m);
      if (item !== null) take(walk, item, items);
    }
    if (got === 0) throw new Error(`${plan.name}: the stream stopped delivering with ${left} messages left`);
    left -= got;
    yield { items, cursor: walk.cursor, end: null };
  }
  reading.startSeq = reading.lastSeq + 1;
  const end: JsonlEnd = {
    cursor: walk.cursor,
    tornTail: null,
    blankLines: walk.blank,
    lastLine: walk.lastLine,
  };
  yield { items: [], cursor: walk.cursor, end };
}
