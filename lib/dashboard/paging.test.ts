import { describe, expect, it } from 'vitest';
import { DEFAULT_LIMIT, MAX_LIMIT, pageQuery, timelineItem } from './paging.js';

describe('the page query', () => {
  it('defaults to the end of the file and DEFAULT_LIMIT', () => {
    expect(pageQuery(null, null)).toEqual({ ok: true, before: null, limit: DEFAULT_LIMIT });
    expect(pageQuery('', '')).toEqual({ ok: true, before: null, limit: DEFAULT_LIMIT });
    expect(pageQuery('1024', '7')).toEqual({ ok: true, before: 1024, limit: 7 });
  });

  it('refuses anything but a byte offset and a limit in range', () => {
    for (const [b, l] of [
      ['-1', null],
      ['1e3', null],
      ['12abc', null],
      [null, '0'],
      [null, String(MAX_LIMIT + 1)],
      [null, 'ten'],
    ] as const)
      expect(pageQuery(b, l).ok).toBe(false);
  });
});

describe('a timeline row', () => {
  const raw = { byteOffset: 40, text: '{"event":"role_end","role":"tester","iteration":2,"message":"done"}' };

  it('names the event, its role, iteration and message', () => {
    expect(timelineItem(raw, 3, { ok: true, value: JSON.parse(raw.text) })).toMatchObject({
      kind: 'record',
      line: 3,
      byteOffset: 40,
      event: 'role_end',
      role: 'tester',
      iteration: '2',
      detail: 'done',
    });
  });

  it('is corrupt for a line that does not parse or is not an object', () => {
    expect(
      timelineItem({ byteOffset: 0, text: '{"a' }, 1, { ok: false, reason: 'Unterminated string' }),
    ).toMatchObject({
      kind: 'corrupt',
      reason: 'invalid JSON: Unterminated string',
    });
    expect(timelineItem({ byteOffset: 0, text: '[1]' }, 1, { ok: true, value: [1] })).toMatchObject({
      kind: 'corrupt',
    });
  });
});
