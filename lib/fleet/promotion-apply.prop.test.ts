// Laws of promotion apply (lib/fleet/promotion-apply.ts) over arbitrary sequences of requests:
//   1. apply is idempotent per idempotency key: a request whose key was applied before neither
//      mutates the registry nor appends telemetry, and answers with the first record, marked replayed.
//   2. the ledger holds one line per key (and one per unkeyed apply), whatever the order of requests.
//   3. the ledger fold is resumable: fold(all) == foldFrom(fold(prefix), rest).
// Seed: FC_SEED (default 424242); fast-check prints it with every counterexample.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fold, foldFrom } from '../core/projection.js';
import type { ApplyRequest } from './promotion-apply.js';
import { applyLedgerProjection } from './promotion-apply-ledger.js';
import { registryDoc, request, runApply, type World } from './promotion-apply-test-kit.js';

const seed = Number(process.env.FC_SEED ?? 424242);
const keyArb = fc.option(fc.constantFrom('k1', 'k2', 'constructor', '__proto__'), { nil: null });
const requestArb: fc.Arbitrary<ApplyRequest> = fc
  .record({
    intent: fc.constantFrom('expand' as const, 'resume' as const, 'rollback' as const),
    expandStep: fc.integer({ min: 1, max: 100 }),
    idempotencyKey: keyArb,
    loopId: fc.option(fc.constantFrom('loop-a', 'loop-b'), { nil: null }),
  })
  .map((over) => request(over));
const worldArb: fc.Arbitrary<World> = fc
  .record({ canary: fc.integer({ min: 0, max: 100 }), manual: fc.boolean() })
  .map(({ canary, manual }) => ({ registry: registryDoc(canary, manual), applyState: null, ledger: [] }));

const positioned = (ledger: readonly unknown[]) =>
  ledger.map((value, i) => ({ value, position: { line: i + 1, byteOffset: i } }));

const withoutLoop = (v: unknown): object => {
  const { loopId: _loop, ...rest } = v as Record<string, unknown>;
  return rest;
};

describe('promotion apply laws', () => {
  it('a replayed key neither mutates the registry nor appends telemetry', () => {
    fc.assert(
      fc.property(worldArb, fc.array(requestArb, { maxLength: 12 }), (w0, requests) => {
        const firstByKey = new Map<string, unknown>();
        let w = w0;
        for (const r of requests) {
          const key = r.idempotencyKey;
          const { world, plan } = runApply(w, r);
          if (key !== null && firstByKey.has(key)) {
            expect(plan.replayed).toBe(true);
            expect(world.registry).toEqual(w.registry);
            expect(world.ledger).toEqual(w.ledger);
            // loopId may be filled by the replaying request where the first run left it null.
            expect(withoutLoop(plan.result)).toEqual({ ...withoutLoop(firstByKey.get(key)), replayed: true });
          } else if (key !== null) firstByKey.set(key, plan.result);
          w = world;
        }
        const keyed = requests.filter((r) => r.idempotencyKey !== null).map((r) => r.idempotencyKey);
        const unkeyed = requests.length - keyed.length;
        expect(w.ledger).toHaveLength(new Set(keyed).size + unkeyed);
      }),
      { seed, numRuns: 300 },
    );
  });

  it('the ledger fold is resumable at any split', () => {
    fc.assert(
      fc.property(worldArb, fc.array(requestArb, { maxLength: 10 }), fc.nat(), (w0, requests, cut) => {
        const w = requests.reduce((acc, r) => runApply(acc, r).world, w0);
        const events = positioned(w.ledger);
        const k = events.length === 0 ? 0 : cut % (events.length + 1);
        const resumed = foldFrom(
          applyLedgerProjection,
          fold(applyLedgerProjection, events.slice(0, k)),
          events.slice(k),
        );
        expect(resumed).toEqual(fold(applyLedgerProjection, events));
      }),
      { seed, numRuns: 200 },
    );
  });
});
