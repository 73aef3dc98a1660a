import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { encodeLines } from './line-bytes.js';

const seed = Number(process.env.FC_SEED ?? 20261207);
const joined = (lines: readonly string[]): Buffer => Buffer.from(lines.map((l) => `${l}\n`).join(''));

describe('encodeLines', () => {
  it('gives the bytes of the joined lines, for any strings (multi-byte and unpaired surrogates too)', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ unit: 'binary', maxLength: 300 }), { maxLength: 60 }), (lines) => {
        expect(encodeLines(lines, (l) => l).equals(joined(lines))).toBe(true);
      }),
      { seed, numRuns: 300 },
    );
  });

  it('grows past its first buffer for lines longer than it (a 3-byte character repeated)', () => {
    const lines = ['a', '€'.repeat(200_000), 'b', '😀'.repeat(50_000)];
    const got = encodeLines(lines, (l) => l);
    expect(got.equals(joined(lines))).toBe(true);
    expect(got.length).toBe(1 + 600_000 + 1 + 200_000 + 4);
  });

  it('is empty for no lines', () => {
    expect(encodeLines([], (l: string) => l).length).toBe(0);
  });
});
