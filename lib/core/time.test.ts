import { describe, expect, it } from 'vitest';
import { parseIso, parseRfc3339, parseRfc3339Local } from './time.js';

const ms = (text: string): number | null => parseIso(text);

describe('parseRfc3339', () => {
  it('reads Z, lower-case t/z, offsets and fractions as RFC 3339 allows', () => {
    expect(ms('2026-02-22T12:00:00Z')).toBe(Date.UTC(2026, 1, 22, 12));
    expect(ms('2026-02-22t12:00:00z')).toBe(Date.UTC(2026, 1, 22, 12));
    expect(ms('2026-02-22T21:00:00+09:00')).toBe(Date.UTC(2026, 1, 22, 12));
    expect(ms('2026-02-22T07:30:00-04:30')).toBe(Date.UTC(2026, 1, 22, 12));
    expect(ms('2026-02-22T12:00:00.5Z')).toBe(Date.UTC(2026, 1, 22, 12, 0, 0, 500));
    expect(ms('2026-02-22T12:00:00.123456789Z')).toBe(Date.UTC(2026, 1, 22, 12, 0, 0, 123));
    expect(ms('2024-02-29T00:00:00Z')).toBe(Date.UTC(2024, 1, 29));
    expect(ms('0001-01-01T00:00:00Z')).toBe(new Date('0001-01-01T00:00:00Z').getTime());
  });

  it('refuses a time without a zone, naming the expected form', () => {
    const r = parseRfc3339('2026-02-22T12:00:00');
    expect(r).toEqual({ ok: false, reason: expect.stringContaining('no zone') });
  });

  it.each([
    '1',
    'Feb 22 2026',
    '2026-02-22',
    '2026-02-22 12:00:00Z',
    '2026-02-22T12:00Z',
    '2026-02-22T12:00:00+0900',
    '2026-02-22T12:00:00+09',
    '2026-02-22T12:00:00.Z',
    ' 2026-02-22T12:00:00Z',
    '2026-02-22T12:00:00Z\n',
    '+02026-02-22T12:00:00Z',
  ])('refuses the non-RFC 3339 form %j', (text) => {
    expect(parseRfc3339(text).ok).toBe(false);
  });

  it.each([
    '2026-02-30T00:00:00Z',
    '2025-02-29T00:00:00Z',
    '2026-13-01T00:00:00Z',
    '2026-00-01T00:00:00Z',
    '2026-01-00T00:00:00Z',
    '2026-01-01T24:00:00Z',
    '2026-01-01T23:60:00Z',
    '2026-01-01T23:59:60Z',
    '2026-01-01T00:00:00+24:00',
    '2026-01-01T00:00:00+09:60',
  ])('refuses the out-of-range field in %j', (text) => {
    expect(parseRfc3339(text)).toEqual({ ok: false, reason: expect.stringContaining('out of range') });
  });
});

describe('parseRfc3339Local', () => {
  it('reads a zone-less time at the given fixed offset and keeps an explicit zone', () => {
    expect(parseRfc3339Local('2026-01-04T21:00:00', '+09:00')).toEqual({
      ok: true,
      ms: Date.UTC(2026, 0, 4, 12),
    });
    expect(parseRfc3339Local('2026-01-04T12:00:00Z', '+09:00')).toEqual({
      ok: true,
      ms: Date.UTC(2026, 0, 4, 12),
    });
  });

  it('refuses an offset that is not Z or ±HH:MM', () => {
    expect(parseRfc3339Local('2026-01-04T21:00:00', 'Asia/Seoul').ok).toBe(false);
  });
});
