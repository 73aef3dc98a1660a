import { describe, expect, it } from 'vitest';
import { dayInZone, fileStampInZone, formatInZone, isZone, parseInZone } from './zone.js';

const utc = (iso: string) => Date.parse(iso);

describe('parseInZone', () => {
  it('reads a naive origin timestamp (microseconds) as a wall time in the zone', () => {
    expect(parseInZone('2026-01-04T12:10:00.659138', 'Asia/Seoul')).toBe(utc('2026-01-04T03:10:00.659Z'));
    expect(parseInZone('2026-01-04T12:10:00', 'UTC')).toBe(utc('2026-01-04T12:10:00Z'));
  });
  it('reads Z and offsets as absolute whatever the zone', () => {
    expect(parseInZone('2026-01-04T12:10:00+09:00', 'America/New_York')).toBe(utc('2026-01-04T03:10:00Z'));
    expect(parseInZone('2026-01-04T03:10:00Z', 'Asia/Seoul')).toBe(utc('2026-01-04T03:10:00Z'));
    expect(parseInZone('2026-01-04 03:10:00-0130', 'UTC')).toBe(utc('2026-01-04T04:40:00Z'));
  });
  it('is null for text that is not a timestamp', () => {
    for (const bad of [
      '',
      'yesterday',
      '2026-13-01T00:00:00',
      '2026-01-04T25:00:00',
      '<NOW minus 10 seconds>',
    ])
      expect(parseInZone(bad, 'UTC')).toBeNull();
  });
  it('reads a wall time a DST gap skips with the offset before the gap', () => {
    const ms = parseInZone('2026-03-08T02:30:00', 'America/New_York');
    expect(formatInZone(ms ?? 0, 'America/New_York')).toBe('2026-03-08T03:30:00-04:00');
  });
  it('reads a wall time a DST fold repeats as the earlier instant', () => {
    expect(parseInZone('2026-11-01T01:30:00', 'America/New_York')).toBe(utc('2026-11-01T05:30:00Z'));
  });
});

describe('formatting in a zone', () => {
  const ms = utc('2026-01-04T03:10:05.900Z');
  it('writes the wall clock with its offset, whole seconds', () => {
    expect(formatInZone(ms, 'Asia/Seoul')).toBe('2026-01-04T12:10:05+09:00');
    expect(formatInZone(ms, 'UTC')).toBe('2026-01-04T03:10:05+00:00');
  });
  it('gives the origin file stamp and the calendar day of the zone', () => {
    expect(fileStampInZone(ms, 'Asia/Seoul')).toBe('20260104_121005');
    expect(dayInZone(utc('2026-01-04T20:00:00Z'), 'Asia/Seoul')).toBe('2026-01-05');
    expect(dayInZone(utc('2026-01-04T20:00:00Z'), 'UTC')).toBe('2026-01-04');
  });
  it('round-trips: parseInZone(formatInZone(ms)) is ms on a whole second', () => {
    for (const zone of ['UTC', 'Asia/Seoul', 'America/New_York', 'Australia/Adelaide'])
      for (const iso of ['2026-01-04T03:10:05Z', '2026-07-01T23:59:59Z', '2026-03-08T07:00:00Z'])
        expect(parseInZone(formatInZone(utc(iso), zone), zone)).toBe(utc(iso));
  });
  it('knows IANA zones and refuses made-up ones', () => {
    expect([isZone('Asia/Seoul'), isZone('UTC'), isZone('Mars/Olympus')]).toEqual([true, true, false]);
  });
});
