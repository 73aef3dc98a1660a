import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { fold, type Positioned, type Projection } from '../core/projection.js';
import { addCorrupt, firstCorrupt, MAX_CORRUPT, tracked } from './tracked.js';

const sum: Projection<number, number> = {
  name: 'sum',
  version: 3,
  initial: 0,
  evolve: (s, e) => s + e.value,
};
const at = (values: number[]): Positioned<number>[] =>
  values.map((value, i) => ({ value, position: { line: i + 1, byteOffset: i } }));

describe('a tracked projection', () => {
  test.prop([fc.array(fc.integer({ min: -50, max: 50 }))], { seed: Number(process.env.FC_SEED ?? 424242) })(
    'folds its inner state exactly as the plain projection',
    (values) => {
      expect(fold(tracked(sum, 'dash-sum'), at(values)).inner).toBe(fold(sum, at(values)));
    },
  );

  it('keeps its own name, the inner version, and the first corrupt lines in file order', () => {
    const t = tracked(sum, 'dash-sum');
    expect([t.name, t.version]).toEqual(['dash-sum', 3]);
    const marks = Array.from({ length: MAX_CORRUPT + 2 }, (_, i) => ({
      line: i + 1,
      byteOffset: i,
      reason: 'bad',
    }));
    const s = addCorrupt(addCorrupt(t.initial, marks.slice(0, 2)), marks.slice(2));
    expect(s.corruptCount).toBe(MAX_CORRUPT + 2);
    expect(s.corrupt).toHaveLength(MAX_CORRUPT);
    expect(firstCorrupt(s)?.line).toBe(1);
    expect(firstCorrupt(t.initial)).toBeNull();
  });
});
