import { describe, expect, it } from 'vitest';
import type { JsonlBatch, JsonlItem } from '../io/jsonl.js';
import type { RawEvent } from './event-fields.js';
import { cursorExceedsMessage, pollFrom, takeBatch, type PollRun } from './poll-take.js';

const ctx = { repoPath: '/r', loopId: 'l', emittedAt: '2026-02-22T12:00:00Z', traceId: null, lineCount: 9 };
const run = (max = 0): PollRun => ({ ctx, file: '/r/events.jsonl', max });

// Line n starts at byte 10 * (n - 1) and is 10 bytes long, newline included.
const record = (line: number, value: RawEvent): JsonlItem<RawEvent> => ({
  kind: 'record',
  value,
  position: { line, byteOffset: 10 * (line - 1) },
  next: { byteOffset: 10 * line, lines: line },
});
const corrupt = (line: number): JsonlItem<RawEvent> => ({
  kind: 'corrupt',
  raw: '{',
  reason: 'not JSON',
  position: { line, byteOffset: 10 * (line - 1) },
  next: { byteOffset: 10 * line, lines: line },
});
const event = (name: string) => ({ event: name, timestamp: '2026-02-22T11:00:00Z' }) as unknown as RawEvent;
const batch = (items: JsonlItem<RawEvent>[], end: number | null = null): JsonlBatch<RawEvent> => ({
  items,
  cursor: items.at(-1)?.next ?? { byteOffset: 0, lines: 0 },
  end:
    end === null
      ? null
      : {
          cursor: { byteOffset: end, lines: items.length + 1 },
          tornTail: null,
          blankLines: 1,
          lastLine: null,
        },
});

describe('taking one batch of a poll', () => {
  it('given two records and no limit, when taken, then both envelopes come in order and the cursor moves to the batch end', () => {
    const step = takeBatch(
      batch([record(1, event('a')), record(2, event('b'))], 25),
      pollFrom({ byteOffset: 0, lines: 0 }),
      run(),
    );
    expect(step.envelopes.map((e) => e.sequence?.value)).toEqual([1, 2]);
    expect(step.progress).toMatchObject({
      cursor: { byteOffset: 25, lines: 3 },
      emitted: 2,
      lastLine: { byteOffset: 10, end: 20 },
    });
    expect(step).toMatchObject({ stop: false, error: null });
  });

  it('given a maximum reached inside the batch, when taken, then it stops just past the last emitted line', () => {
    const step = takeBatch(
      batch([record(1, event('a')), record(2, event('b'))], 25),
      pollFrom({ byteOffset: 0, lines: 0 }),
      run(1),
    );
    expect(step.envelopes).toHaveLength(1);
    expect(step.progress.cursor).toEqual({ byteOffset: 10, lines: 1 });
    expect(step.stop).toBe(true);
  });

  it('given a corrupt line being skipped, when taken, then it is kept for quarantine and the cursor passes it', () => {
    const step = takeBatch(
      batch([corrupt(1), record(2, event('b'))]),
      pollFrom({ byteOffset: 0, lines: 0 }),
      run(),
    );
    expect(step.progress.corrupt.map((c) => c.position.line)).toEqual([1]);
    expect(step.progress).toMatchObject({ cursor: { byteOffset: 20, lines: 2 }, emitted: 1 });
  });

  it('given a record without an event name, when taken, then the poll stops before it with file:line:byte', () => {
    const bad = { timestamp: '2026-02-22T11:00:00Z' } as unknown as RawEvent;
    const step = takeBatch(
      batch([record(1, event('a')), record(2, bad)]),
      pollFrom({ byteOffset: 0, lines: 0 }),
      run(),
    );
    expect(step.envelopes).toHaveLength(1);
    expect(step.progress.cursor).toEqual({ byteOffset: 10, lines: 1 });
    expect(step.stop).toBe(true);
    expect(step.error).toEqual({
      message: 'missing event name at line 2 in /r/events.jsonl',
      details: ['/r/events.jsonl:2:10: the record has no usable event name or timestamp'],
    });
  });

  it('given progress from an earlier batch, when the limit counts, then it counts across batches', () => {
    const first = takeBatch(batch([record(1, event('a'))]), pollFrom({ byteOffset: 0, lines: 0 }), run(2));
    const second = takeBatch(batch([record(2, event('b')), record(3, event('c'))]), first.progress, run(2));
    expect(second.envelopes).toHaveLength(1);
    expect(second.progress.emitted).toBe(2);
    expect(second.stop).toBe(true);
  });
});

describe('poll texts', () => {
  it('given a line cursor past the log, when explained, then the reference message names both counts', () => {
    expect(cursorExceedsMessage(7, 3)).toBe(
      'cursor offset (7) exceeds available events (3); reset cursor or use --from-start',
    );
  });
});
