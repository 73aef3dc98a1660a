import { describe, expect, it } from 'vitest';
import { integerUpTo, nonNegativeInteger, positiveInteger } from './flag-numbers.js';

describe('whole-number flags', () => {
  it('given digits, when read as a count, then zero and up are numbers', () => {
    expect(nonNegativeInteger('0')).toBe(0);
    expect(nonNegativeInteger('12')).toBe(12);
  });

  it('given a sign, a fraction, an exponent or nothing, when read, then it is refused', () => {
    for (const s of ['-1', '+1', '1.5', '1e3', '', ' 1']) expect(nonNegativeInteger(s)).toBeNull();
  });

  it('given 0, when a positive count is asked, then it is refused', () => {
    expect(positiveInteger('0')).toBeNull();
    expect(positiveInteger('3')).toBe(3);
  });

  it('given a bound, when read, then the bound itself is accepted and one more is not', () => {
    expect(integerUpTo('65535', 65535)).toBe(65535);
    expect(integerUpTo('65536', 65535)).toBeNull();
    expect(integerUpTo('0', 65535)).toBe(0);
  });
});
