// Laws of the rollout cohort selector: a loop's bucket is stable (a pure function of loop id and
// salt, always 0..99), canary membership is monotone in the percentage, and over many loop ids the
// share selected is proportional to the canary percentage.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bucketOf, cohortOf, cohortSeed, inCanary } from '../lib/fleet/cohort.js';

const seed = Number(process.env.FC_SEED ?? 424242);
const opts = { seed, numRuns: 200 };
const loopId = fc.stringMatching(/^[a-z][a-z0-9._-]{0,30}$/);
const salt = fc.string({ minLength: 1, maxLength: 30 });

describe('the rollout cohort selector', () => {
  it('gives a loop the same bucket in 0..99 every time', () => {
    fc.assert(
      fc.property(loopId, salt, (id, s) => {
        const b = bucketOf(cohortSeed(id, s));
        expect(b).toBeGreaterThanOrEqual(0);
        expect(b).toBeLessThan(100);
        expect(Number.isInteger(b)).toBe(true);
        expect(bucketOf(cohortSeed(id, s))).toBe(b);
        expect(cohortOf(id, { canaryPercent: 50, scopeLoopIds: [], salt: s })).toEqual(
          cohortOf(id, { canaryPercent: 50, scopeLoopIds: [], salt: s }),
        );
      }),
      opts,
    );
  });

  it('never selects at 0%, always selects at 100%, and keeps a selected loop selected as the canary grows', () => {
    fc.assert(
      fc.property(
        loopId,
        salt,
        fc.integer({ min: 0, max: 100 }),
        fc.integer({ min: 0, max: 100 }),
        (id, s, a, b) => {
          const bucket = bucketOf(cohortSeed(id, s));
          expect(inCanary(bucket, 0)).toBe(false);
          expect(inCanary(bucket, 100)).toBe(true);
          const [lo, hi] = a <= b ? [a, b] : [b, a];
          if (inCanary(bucket, lo)) expect(inCanary(bucket, hi)).toBe(true);
        },
      ),
      opts,
    );
  });

  it('keeps loops outside the scope out of the cohort whatever their bucket', () => {
    fc.assert(
      fc.property(loopId, salt, fc.array(loopId, { maxLength: 5 }), (id, s, scope) => {
        const c = cohortOf(id, { canaryPercent: 100, scopeLoopIds: scope, salt: s });
        expect(c.inCohort).toBe(scope.length === 0 || scope.includes(id));
      }),
      opts,
    );
  });

  it('selects a share of many loop ids within 5 points of the canary percentage', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(loopId, { minLength: 2000, maxLength: 2000 }),
        salt,
        fc.integer({ min: 1, max: 99 }),
        (ids, s, pct) => {
          const selected = ids.filter(
            (id) => cohortOf(id, { canaryPercent: pct, scopeLoopIds: [], salt: s }).inCohort,
          ).length;
          const share = selected / ids.length;
          if (Math.abs(share - pct / 100) > 0.05)
            throw new Error(`canary ${pct}%: selected ${(share * 100).toFixed(1)}% (seed ${seed})`);
        },
      ),
      { seed, numRuns: 25 },
    );
  });
});
