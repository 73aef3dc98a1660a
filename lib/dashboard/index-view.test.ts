import { describe, expect, it } from 'vitest';
import { eventsIndexProjection } from './events-index.js';
import { baseBefore, baseForLine, generationOf, type IndexView } from './index-view.js';

const view = (
  marks: { byteOffset: number; line: number }[],
  cursor = { byteOffset: 0, lines: 0 },
): IndexView => ({
  state: { ...eventsIndexProjection.initial, marks },
  cursor,
});

describe('where to start counting lines in events.jsonl', () => {
  it('starts from the nearest mark at or before the offset, with the lines before that mark', () => {
    // given marks at lines 1 and 257, when counting up to byte 9000
    const index = view([
      { byteOffset: 0, line: 1 },
      { byteOffset: 8000, line: 257 },
    ]);
    // then counting starts at byte 8000 with 256 lines before it
    expect(baseBefore(index, 9000)).toEqual({ byteOffset: 8000, lines: 256 });
    expect(baseForLine(index, 300)).toEqual({ byteOffset: 8000, lines: 256 });
  });

  it('starts from the fold cursor when it lies after the nearest mark and not past the offset', () => {
    const index = view([{ byteOffset: 0, line: 1 }], { byteOffset: 500, lines: 12 });
    expect(baseBefore(index, 700)).toEqual({ byteOffset: 500, lines: 12 });
    expect(baseBefore(index, 400)).toEqual({ byteOffset: 0, lines: 0 });
  });

  it('starts at the beginning of a log with no marks, and the generation says there are none', () => {
    const index = view([]);
    expect(baseForLine(index, 5)).toEqual({ byteOffset: 0, lines: 0 });
    expect(generationOf(index)).toBe('-1:');
  });
});
