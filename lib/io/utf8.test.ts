// The scan that locates the first invalid byte agrees with the platform's strict decoder on every input.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { firstInvalidUtf8 } from './utf8.js';

const strict = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
const validByStrict = (b: Uint8Array): boolean => {
  try {
    strict.decode(b);
    return true;
  } catch {
    return false;
  }
};

describe('firstInvalidUtf8', () => {
  it('finds no bad byte exactly when the strict decoder accepts, and the prefix before it is valid', () => {
    const bytes = fc.oneof(
      fc.uint8Array({ maxLength: 12 }),
      fc.string({ unit: 'binary', maxLength: 6 }).map((s) => new Uint8Array(Buffer.from(s))),
    );
    fc.assert(
      fc.property(bytes, (b) => {
        const at = firstInvalidUtf8(b);
        expect(at === -1).toBe(validByStrict(b));
        if (at >= 0) expect(validByStrict(b.subarray(0, at))).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });

  it('points at the byte that breaks the sequence', () => {
    expect(firstInvalidUtf8(Buffer.from([0x61, 0xe2, 0x82, 0x61]))).toBe(1);
    expect(firstInvalidUtf8(Buffer.from([0xf4, 0x90, 0x80, 0x80]))).toBe(0);
    expect(firstInvalidUtf8(Buffer.from('a€𝄞'))).toBe(-1);
  });
});
