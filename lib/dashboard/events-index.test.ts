import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { fold, foldFrom, type Positioned } from '../core/projection.js';
import {
  eventsIndexProjection as p,
  INDEX_EVERY,
  markAtOrBefore,
  markAtOrBeforeLine,
  MAX_NAMES,
  nameOf,
} from './events-index.js';
import { viewOf } from './lenient.js';
import { EventView } from './views.js';

const events = (values: readonly unknown[]): Positioned<EventView>[] => {
  let byteOffset = 0;
  return values.map((value, i) => {
    const e = { value: viewOf(EventView, value), position: { line: i + 1, byteOffset } };
    byteOffset += JSON.stringify(value).length + 1;
    return e;
  });
};

const arbEvent = fc.record({
  event: fc.constantFrom('loop_start', 'role_start', 'role_end', ''),
  timestamp: fc.option(fc.constantFrom('2026-02-22T11:00:00Z', '2026-02-22T12:00:00Z'), { nil: undefined }),
});

describe('the events index fold', () => {
  test.prop([fc.array(arbEvent, { maxLength: 700 }), fc.nat()], {
    seed: Number(process.env.FC_SEED ?? 424242),
  })('resuming from any prefix gives the full fold', (values, k) => {
    const all = events(values);
    const cut = all.length === 0 ? 0 : k % (all.length + 1);
    expect(foldFrom(p, fold(p, all.slice(0, cut)), all.slice(cut))).toEqual(fold(p, all));
  });

  it('counts records and names, remembers the first and last, and marks a line every INDEX_EVERY', () => {
    const n = INDEX_EVERY * 2 + 5;
    const s = fold(
      p,
      events(Array.from({ length: n }, (_, i) => ({ event: i % 2 ? 'a' : 'b', timestamp: `t${i}` }))),
    );
    expect(s.records).toBe(n);
    expect(s.names).toEqual({ a: Math.floor(n / 2), b: Math.ceil(n / 2) });
    expect(s.first).toMatchObject({ line: 1, timestamp: 't0', name: 'b' });
    expect(s.last).toMatchObject({ line: n, timestamp: `t${n - 1}` });
    expect(s.marks.map((m) => m.line)).toEqual([1, 1 + INDEX_EVERY, 1 + 2 * INDEX_EVERY]);
  });

  it('counts names beyond MAX_NAMES together', () => {
    const s = fold(p, events(Array.from({ length: MAX_NAMES + 3 }, (_, i) => ({ event: `e${i}` }))));
    expect(Object.keys(s.names)).toHaveLength(MAX_NAMES);
    expect(s.otherNames).toBe(3);
  });

  it('reads the name as `.event // .type`', () => {
    expect(nameOf(viewOf(EventView, { type: 'x' }))).toBe('x');
    expect(nameOf(viewOf(EventView, { event: 'y', type: 'x' }))).toBe('y');
    expect(nameOf(viewOf(EventView, { event: 7 }))).toBe('');
  });
});

describe('finding the nearest mark', () => {
  test.prop([fc.uniqueArray(fc.nat(10_000), { maxLength: 40 }), fc.nat(10_500)], {
    seed: Number(process.env.FC_SEED ?? 424242),
  })('agrees with a linear scan', (offsets, at) => {
    const marks = [...offsets]
      .sort((a, b) => a - b)
      .map((byteOffset, i) => ({ line: i * 10 + 1, byteOffset }));
    const linear = [...marks].reverse().find((m) => m.byteOffset <= at) ?? null;
    expect(markAtOrBefore(marks, at)).toEqual(linear);
    const line = at % 500;
    expect(markAtOrBeforeLine(marks, line)).toEqual([...marks].reverse().find((m) => m.line <= line) ?? null);
  });
});
