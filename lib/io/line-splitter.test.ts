// The splitter's line cap: a line longer than the cap comes out as over-long (no text, right position),
// its bytes are never held, and the lines around it are untouched, wherever the chunks break.
import { describe, expect, it } from 'vitest';
import { LineSplitter, type RawLine } from './line-splitter.js';

const splitIn = (text: string, chunk: number, cap: number) => {
  const s = new LineSplitter({ byteOffset: 0, lines: 0 }, cap);
  const bytes = Buffer.from(text);
  const lines: RawLine[] = [];
  let held = 0;
  for (let at = 0; at < bytes.length; at += chunk) {
    lines.push(...s.push(bytes.subarray(at, at + chunk)));
    held = Math.max(held, s.remainder.length);
  }
  return { lines, held, splitter: s };
};

const LONG = 'x'.repeat(1000);

describe('LineSplitter line cap', () => {
  describe('when a line is longer than the cap', () => {
    for (const chunk of [1, 3, 7, 64, 5000]) {
      it(`hands it out as over-long with its position, in chunks of ${chunk}`, () => {
        const { lines, held, splitter } = splitIn(`{"a":1}\n${LONG}\n{"b":2}\n`, chunk, 100);
        expect(lines.map((l) => [l.text, l.line, l.byteOffset, l.end, l.overLong])).toEqual([
          ['{"a":1}', 1, 0, 8, undefined],
          ['', 2, 8, 1009, 1000],
          ['{"b":2}', 3, 1009, 1017, undefined],
        ]);
        expect(held).toBeLessThanOrEqual(100 + chunk);
        expect(splitter.cursor).toEqual({ byteOffset: 1017, lines: 3 });
      });
    }
  });

  describe('when a line is exactly the cap', () => {
    it('reads it as an ordinary line', () => {
      const { lines } = splitIn(`${'y'.repeat(100)}\n`, 7, 100);
      expect(lines).toEqual([{ text: 'y'.repeat(100), line: 1, byteOffset: 0, end: 101 }]);
    });
  });

  describe('when the unterminated tail is over the cap', () => {
    it('keeps none of its bytes but counts them as the torn tail', () => {
      const { lines, splitter } = splitIn(`{"a":1}\n${LONG}`, 64, 100);
      expect(lines).toHaveLength(1);
      expect(splitter.remainder.length).toBe(0);
      expect(splitter.remainderLength).toBe(1000);
      expect(splitter.cursor).toEqual({ byteOffset: 8, lines: 1 });
    });
  });
});
