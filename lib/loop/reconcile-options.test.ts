// Reconcile's drift gating and alert switch from text: defaults medium/3/200 and enabled, and the
// reference's messages for a bad level, streak, window or switch.
import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import { alertSwitchOf, driftGatingOf, wholeAtLeast } from './reconcile-options.js';

const none = { minConfidence: undefined, requiredStreak: undefined, summaryWindow: undefined };

describe('driftGatingOf', () => {
  it('defaults to medium confidence, a streak of 3 and a window of 200', () => {
    expect(driftGatingOf(none)).toEqual(
      E.right({ minConfidence: 'medium', requiredStreak: 3, summaryWindow: 200 }),
    );
  });
  it('refuses a bad level, a zero streak and a window that is not a number', () => {
    expect(driftGatingOf({ ...none, minConfidence: 'huge' })).toEqual(
      E.left('--drift-min-confidence must be one of: low, medium, high'),
    );
    expect(driftGatingOf({ ...none, requiredStreak: '0' })).toEqual(
      E.left('--drift-required-streak must be an integer >= 1'),
    );
    expect(driftGatingOf({ ...none, summaryWindow: 'x' })).toEqual(
      E.left('--drift-summary-window must be an integer >= 1'),
    );
  });
});

describe('alertSwitchOf', () => {
  it('is enabled by default and takes only true or false', () => {
    expect(alertSwitchOf({ enabled: undefined, configFile: 'a.json' })).toEqual(
      E.right({ enabled: true, configFile: 'a.json' }),
    );
    expect(alertSwitchOf({ enabled: 'yes', configFile: undefined })).toEqual(
      E.left('--alerts-enabled must be true or false'),
    );
  });
});

describe('wholeAtLeast', () => {
  it('takes digits only, at least the minimum', () => {
    expect(wholeAtLeast('0', 0)).toBe(0);
    expect(wholeAtLeast('+1', 0)).toBeNull();
    expect(wholeAtLeast('0', 1)).toBeNull();
  });
});
