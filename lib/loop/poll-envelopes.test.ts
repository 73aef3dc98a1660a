// Taking a poll's envelopes over a stream of batches: every batch in order until the maximum (the
// stream is not read further), and an unusable record ends the poll with its error.
import { describe, expect, it } from 'vitest';
import type { JsonlBatch, JsonlItem } from '../io/jsonl.js';
import type { RawEvent } from './event-fields.js';
import { collectEnvelopes } from './envelope-fold.js';
import { envelopeTaker, takeEnvelopes } from './poll-envelopes.js';
import type { PollRun } from './poll-take.js';

const ctx = { repoPath: '/r', loopId: 'l', emittedAt: '2026-02-22T12:00:00Z', traceId: null, lineCount: 9 };
const run = (max = 0): PollRun => ({ ctx, file: '/r/events.jsonl', max });

const record = (line: number, value: unknown): JsonlItem<RawEvent> => ({
  kind: 'record',
  value: value as RawEvent,
  position: { line, byteOffset: 10 * (line - 1) },
  next: { byteOffset: 10 * line, lines: line },
});
const event = (name: string) => ({ event: name, timestamp: '2026-02-22T11:00:00Z' });
const batch = (items: JsonlItem<RawEvent>[]): JsonlBatch<RawEvent> => ({
  items,
  cursor: items.at(-1)?.next ?? { byteOffset: 0, lines: 0 },
  end: null,
});

const stream = (batches: JsonlBatch<RawEvent>[], read: number[]) =>
  (async function* () {
    for (const [i, b] of batches.entries()) {
      read.push(i);
      yield b;
    }
  })();

const start = { byteOffset: 0, lines: 0 };

describe('given two batches and no maximum', () => {
  it('takes every envelope in order and moves the cursor past them', async () => {
    const read: number[] = [];
    const batches = [batch([record(1, event('a'))]), batch([record(2, event('b'))])];
    const taken = await takeEnvelopes(stream(batches, read), start, run());
    expect(taken.kind === 'taken' && taken.events.map((e) => e.sequence?.value)).toEqual([1, 2]);
    expect(taken.kind === 'taken' && taken.progress.cursor).toEqual({ byteOffset: 20, lines: 2 });
  });
});

describe('given a maximum reached in the first batch', () => {
  it('stops without reading the next batch', async () => {
    const read: number[] = [];
    const batches = [batch([record(1, event('a'))]), batch([record(2, event('b'))])];
    const taken = await takeEnvelopes(stream(batches, read), start, run(1));
    expect(taken.kind === 'taken' && taken.events).toHaveLength(1);
    expect(read).toEqual([0]);
  });
});

describe('given a record without a usable event name', () => {
  it('ends with the unusable record error', async () => {
    const taken = await takeEnvelopes(stream([batch([record(1, { nope: true })])], []), start, run());
    expect(taken).toMatchObject({ kind: 'unusable' });
  });
});

describe('given a taker fed batch by batch past its maximum', () => {
  it('ignores what follows the stop, as a poll that stopped reading would', () => {
    const taker = envelopeTaker(start, run(1), collectEnvelopes);
    taker.feed(batch([record(1, event('a'))]));
    expect(taker.stopped()).toBe(true);
    taker.feed(batch([record(2, event('b'))]));
    const r = taker.result();
    expect(r.kind === 'taken' && r.folded).toHaveLength(1);
    expect(r.kind === 'taken' && r.progress.cursor).toEqual({ byteOffset: 10, lines: 1 });
  });
});
