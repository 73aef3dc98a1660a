// Bounded fan-out: never more tasks in flight than the limit, every item run once, results in input
// order whatever order the tasks finish in.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { mapBounded } from './pool.js';

const seed = Number(process.env.FC_SEED ?? 424242);
const tick = () => new Promise<void>((resolve) => setImmediate(resolve));

describe('mapBounded', () => {
  it('keeps at most `limit` tasks in flight and returns results in input order', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.nat(5), { maxLength: 30 }),
        fc.integer({ min: 1, max: 6 }),
        async (delays, limit) => {
          let inFlight = 0;
          let peak = 0;
          const seen: number[] = [];
          const out = await mapBounded(delays, limit, async (d, i) => {
            inFlight += 1;
            peak = Math.max(peak, inFlight);
            for (let k = 0; k < d; k += 1) await tick();
            inFlight -= 1;
            seen.push(i);
            return i * 10;
          });
          expect(peak).toBeLessThanOrEqual(limit);
          expect(out).toEqual(delays.map((_, i) => i * 10));
          expect([...seen].sort((a, b) => a - b)).toEqual(delays.map((_, i) => i));
        },
      ),
      { seed, numRuns: 60 },
    );
  });
});
