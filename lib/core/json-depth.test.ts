// The depth bound agrees with the depth of the parsed value, for any JSON text (compact or indented,
// with strings full of brackets, quotes and escapes), and refuses hostile nesting before parsing.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_JSON_DEPTH, jsonDepthExceededAt, jsonDepthProblem } from './json-depth.js';

const seed = Number(process.env.FC_SEED ?? 424242);

/** The oracle: nesting depth of a parsed value (a scalar is 0). */
const depthOf = (v: unknown): number => {
  if (v === null || typeof v !== 'object') return 0;
  const children = Array.isArray(v) ? v : Object.values(v as Record<string, unknown>);
  return 1 + children.reduce<number>((m, c) => Math.max(m, depthOf(c)), 0);
};

// Strings made of the characters that could fool a scanner: brackets, quotes, backslashes.
const trickyString = fc.string({
  unit: fc.constantFrom('[', ']', '{', '}', '"', '\\', 'a', ' ', '\u2028', 'é'),
  maxLength: 8,
});

const { value: jsonArb } = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    trickyString,
    fc.integer(),
    fc.constantFrom(null, true, false),
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(trickyString, tie('value'), { maxKeys: 4 }),
  ),
}));

describe('for any JSON document', () => {
  it('finds a problem exactly when the parsed value is deeper than the bound', () => {
    fc.assert(
      fc.property(jsonArb, fc.integer({ min: 0, max: 8 }), fc.boolean(), (value, max, indent) => {
        const text = JSON.stringify(value, null, indent ? 2 : undefined);
        expect(jsonDepthProblem(text, max) === null).toBe(depthOf(JSON.parse(text)) <= max);
      }),
      { seed, numRuns: 2000 },
    );
  });
});

describe('when the nesting is hostile (100 000 levels)', () => {
  const n = 100_000;
  it.each([
    ['arrays', '['.repeat(n) + ']'.repeat(n), '['],
    ['objects', '{"a":'.repeat(n) + '1' + '}'.repeat(n), '{'],
  ])('refuses nested %s at the first opener past the bound', (_, text, opener) => {
    const at = jsonDepthExceededAt(text);
    expect(at).not.toBeNull();
    const openersBefore = [...text.slice(0, at as number)].filter((c) => c === opener).length;
    expect([openersBefore, text[at as number]]).toEqual([MAX_JSON_DEPTH, opener]);
    expect(jsonDepthProblem(text)).toMatch(/^nesting deeper than 512 levels/);
  });

  it('accepts the same text once it sits inside a string', () => {
    const text = JSON.stringify({ note: '['.repeat(n) });
    expect(jsonDepthProblem(text)).toBeNull();
  });
});
