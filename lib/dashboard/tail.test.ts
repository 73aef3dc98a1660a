import { describe, expect, it } from 'vitest';
import { keepLast, lineRecord } from './tail.js';

describe("a tail window's records", () => {
  it('keeps only the newest when appended records overflow the window', () => {
    // given a window of 3 holding two records, when three more are appended
    const kept = keepLast([1, 2], [3, 4, 5], 3);
    // then the oldest are dropped, order kept
    expect(kept).toEqual([3, 4, 5]);
  });

  it('names a line that is not JSON as corrupt at its byte offset, its line number not yet counted', () => {
    expect(lineRecord(16, 'not json')).toMatchObject({
      ok: false,
      corrupt: { byteOffset: 16, line: null, reason: expect.stringMatching(/^invalid JSON: /) as unknown },
    });
    expect(lineRecord(0, '{"n":1}')).toEqual({ ok: true, value: { n: 1 } });
  });
});
