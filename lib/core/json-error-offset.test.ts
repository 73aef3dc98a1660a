import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { jsonErrorOffset } from './json-error-offset.js';

describe('jsonErrorOffset', () => {
  it.each([
    ['{\n  "active": fals\n}', 18],
    ['{"a":1,}', 7],
    ['[1 2]', 3],
    ['{"a":"x\ny"}', 7],
    ['', 0],
    ['{"a":1} x', 8],
    ['"\\q"', 2],
    ['01', 1],
  ])('points at the first bad character of %j', (text, at) => {
    expect(jsonErrorOffset(text)).toBe(at);
  });
  it('accepts exactly what JSON.parse accepts, on random JSON', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.boolean(), (v, pretty) => {
        expect(jsonErrorOffset(JSON.stringify(v, null, pretty ? 2 : undefined))).toBeNull();
      }),
      { seed: Number(process.env.FC_SEED ?? 424242), numRuns: 300 },
    );
  });
  it('never accepts what JSON.parse refuses, on random text', () => {
    fc.assert(
      fc.property(fc.string(), (s) => {
        let valid = true;
        try {
          JSON.parse(s);
        } catch {
          valid = false;
        }
        expect(jsonErrorOffset(s) === null).toBe(valid);
      }),
      { seed: Number(process.env.FC_SEED ?? 424242), numRuns: 500 },
    );
  });
});
