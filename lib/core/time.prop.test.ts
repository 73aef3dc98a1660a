// Laws of the RFC 3339 reader (lib/core/time.ts):
// 1. Round trip: for every instant in years 0000-9999, parse(toISOString(ms)) == ms, in any offset form.
// 2. A zone is required: the same text with its zone removed is refused.
// 3. Strings that are not RFC 3339 (Date.parse accepts many) are refused.
// 4. Nothing depends on the machine's zone: the reader is arithmetic (the TZ test runs it in child processes).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseRfc3339, parseRfc3339Local } from './time.js';

const seed = Number(process.env.FC_SEED ?? 424242);
const instantArb = fc.integer({
  min: new Date('0000-01-01T00:00:00Z').getTime(),
  max: Date.UTC(9999, 11, 31, 23, 59, 59, 999),
});
const offsetArb = fc.integer({ min: -(23 * 60 + 59), max: 23 * 60 + 59 });

const two = (n: number): string => String(n).padStart(2, '0');
const offsetText = (min: number): string =>
  `${min < 0 ? '-' : '+'}${two(Math.floor(Math.abs(min) / 60))}:${two(Math.abs(min) % 60)}`;
/** The instant as the wall time at `min` minutes east of UTC, with that offset. */
const inOffset = (ms: number, min: number): string =>
  new Date(ms + min * 60_000).toISOString().replace('Z', offsetText(min));

describe('parseRfc3339 laws', () => {
  it('round-trips toISOString', () => {
    fc.assert(
      fc.property(instantArb, (ms) => {
        const r = parseRfc3339(new Date(ms).toISOString());
        expect(r).toEqual({ ok: true, ms });
      }),
      { seed },
    );
  });

  it('reads the same instant written at any offset', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: Date.UTC(9000, 0, 1) }), offsetArb, (ms, min) => {
        expect(parseRfc3339(inOffset(ms, min))).toEqual({ ok: true, ms });
      }),
      { seed },
    );
  });

  it('refuses every zone-less timestamp, and reads it at an explicit offset only when asked', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: Date.UTC(9000, 0, 1) }), offsetArb, (ms, min) => {
        const naive = inOffset(ms, min).slice(0, -6);
        expect(parseRfc3339(naive).ok).toBe(false);
        expect(parseRfc3339Local(naive, offsetText(min))).toEqual({ ok: true, ms });
      }),
      { seed },
    );
  });

  it('refuses strings that are not RFC 3339 even where Date.parse accepts them', () => {
    const loose = fc.oneof(
      fc.integer().map(String),
      instantArb.map((ms) => new Date(ms).toUTCString()),
      instantArb.map((ms) => new Date(ms).toISOString().slice(0, 10)),
      instantArb.map((ms) => new Date(ms).toISOString().replace('T', ' ')),
      fc.string(),
    );
    fc.assert(
      fc.property(loose, (text) => {
        expect(parseRfc3339(text).ok).toBe(
          /^\d{4}-\d\d-\d\d[Tt]\d\d:\d\d:\d\d(\.\d+)?([Zz]|[+-]\d\d:\d\d)$/.test(text),
        );
      }),
      { seed },
    );
  });
});
