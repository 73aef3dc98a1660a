// The count flags of alerts dispatch: digits only, a safe integer, at least the flag's minimum.
import { describe, expect, it } from 'vitest';
import { countFlagValue } from './dispatch-options.js';

describe('a count flag of alerts dispatch', () => {
  it('given digits at or above the minimum, then it is their number', () => {
    expect([countFlagValue('0', 0), countFlagValue('3', 1)]).toEqual([0, 3]);
  });

  it('given a sign, a fraction, a number below the minimum or past a safe integer, then it is refused', () => {
    expect(['-1', '1.5', '1e3', '', '0'].map((raw) => countFlagValue(raw, 1))).toEqual([
      null,
      null,
      null,
      null,
      null,
    ]);
    expect(countFlagValue('99999999999999999999', 0)).toBeNull();
  });
});
