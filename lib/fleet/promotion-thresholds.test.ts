// Given threshold flag texts, when they are parsed, then the reference's defaults, rules and wording.
import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import { parsePromotionThresholds } from './promotion-thresholds.js';

describe('parsePromotionThresholds', () => {
  it('takes the reference defaults when no flag is given', () => {
    expect(parsePromotionThresholds({})).toEqual(
      E.right({
        windowExecutions: 20,
        minSampleSize: 20,
        maxAmbiguityRate: 0.2,
        maxFailureRate: 0.2,
        maxManualBacklog: 5,
        maxDrillAgeHours: 168,
      }),
    );
  });
  it('reads each flag', () => {
    const got = parsePromotionThresholds({
      'window-executions': '10',
      'min-sample-size': '8',
      'max-ambiguity-rate': '.5',
      'max-failure-rate': '1',
      'max-manual-backlog': '0',
      'max-drill-age-hours': '24',
    });
    expect(got).toEqual(
      E.right({
        windowExecutions: 10,
        minSampleSize: 8,
        maxAmbiguityRate: 0.5,
        maxFailureRate: 1,
        maxManualBacklog: 0,
        maxDrillAgeHours: 24,
      }),
    );
  });
  it.each([
    ['window-executions', '0', '--window-executions must be an integer >= 1'],
    ['min-sample-size', '2.5', '--min-sample-size must be an integer >= 1'],
    ['max-ambiguity-rate', '1.2', '--max-ambiguity-rate must be a number between 0 and 1'],
    ['max-failure-rate', '-0.1', '--max-failure-rate must be a number between 0 and 1'],
    ['max-failure-rate', '1e-1', '--max-failure-rate must be a number between 0 and 1'],
    ['max-manual-backlog', '-1', '--max-manual-backlog must be an integer >= 0'],
    ['max-drill-age-hours', '', '--max-drill-age-hours must be an integer >= 1'],
  ] as const)('refuses --%s %j', (flag, raw, message) => {
    expect(parsePromotionThresholds({ [flag]: raw })).toEqual(E.left(message));
  });
});
