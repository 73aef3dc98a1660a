// Given `queue kpi`'s threshold flags, when they are read, then defaults, Python's number syntax and
// argparse's message for the first value that is not a number.
import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import { kpiArgsOf } from './kpi-args.js';

const of = (given: Record<string, string>) => kpiArgsOf((name) => given[name]);

describe('kpi thresholds', () => {
  it('given none, then the reference defaults', () => {
    expect(of({})).toEqual(
      E.right({ maxFailureRate: 0.2, maxLatencyP95Ms: 2000, maxStaleInProgress: 0, staleMinutes: 60 }),
    );
  });

  it('given Python spellings (underscores, a negative count), then they are read as Python reads them', () => {
    expect(
      of({ 'max-latency-p95-ms': '1_500', 'max-stale-in-progress': '-1', 'max-failure-rate': '.5' }),
    ).toEqual(
      E.right({ maxFailureRate: 0.5, maxLatencyP95Ms: 1500, maxStaleInProgress: -1, staleMinutes: 60 }),
    );
  });

  it('given an int flag with a fraction and a bad float, then argparse names the first in flag order', () => {
    expect(of({ 'stale-minutes': '1.5', 'max-failure-rate': 'x' })).toEqual(
      E.left("argument --max-failure-rate: invalid float value: 'x'"),
    );
    expect(of({ 'stale-minutes': '1.5' })).toEqual(
      E.left("argument --stale-minutes: invalid int value: '1.5'"),
    );
  });
});
