// Laws of the idempotency ledger (lib/loop/idempotency.ts):
// 1. Folding is resumable: for any ledger and split point, fold(all) == foldFrom(fold(prefix), rest).
// 2. A key executes at most once: whatever sequence of (key, intent) requests arrives, and wherever a
//    run dies between its `started` and `completed` records, a runner that executes only on `execute`
//    and records started-then-completed never executes one key twice.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fold, foldFrom } from '../core/projection.js';
import { decideKey, idempotencyProjection, type LedgerRecord, type LedgerState } from './idempotency.js';

const seed = Number(process.env.FC_SEED ?? 424242);
const keyArb = fc.constantFrom('a', 'b', 'c', '__proto__', 'k-1');
const intentArb = fc.constantFrom('cancel', 'approve', 'reject');
const recordArb: fc.Arbitrary<LedgerRecord> = fc.record({
  schemaVersion: fc.constant('v1' as const),
  key: keyArb,
  phase: fc.constantFrom('started' as const, 'completed' as const),
  loopId: fc.constant('demo'),
  intent: intentArb,
  at: fc.constant('2026-02-22T12:00:00Z'),
  outcome: fc.record({
    status: fc.constantFrom('confirmed', 'ambiguous'),
    exitCode: fc.nat(2),
    entry: fc.constant({}),
  }),
});
const positioned = (rs: readonly LedgerRecord[]) =>
  rs.map((value, i) => ({ value, position: { line: i + 1, byteOffset: i } }));

describe('idempotency ledger laws', () => {
  it('folds the same from a checkpoint at any split point', () => {
    fc.assert(
      fc.property(fc.array(recordArb, { maxLength: 30 }), fc.nat(), (rs, at) => {
        const k = rs.length === 0 ? 0 : at % (rs.length + 1);
        const whole = fold(idempotencyProjection, positioned(rs));
        const resumed = foldFrom(
          idempotencyProjection,
          fold(idempotencyProjection, positioned(rs.slice(0, k))),
          positioned(rs.slice(k)),
        );
        expect(JSON.parse(JSON.stringify(resumed))).toEqual(JSON.parse(JSON.stringify(whole)));
      }),
      { seed },
    );
  });

  it('executes each key at most once, whatever the requests and crashes', () => {
    const step = fc.record({ key: keyArb, intent: intentArb, diesMidRun: fc.boolean() });
    fc.assert(
      fc.property(fc.array(step, { maxLength: 40 }), (steps) => {
        let state: LedgerState = idempotencyProjection.initial;
        const executed: string[] = [];
        const append = (r: LedgerRecord) =>
          (state = idempotencyProjection.evolve(state, { value: r, position: { line: 0, byteOffset: 0 } }));
        for (const s of steps) {
          if (decideKey(state, s.key, s.intent).kind !== 'execute') continue;
          const base = {
            schemaVersion: 'v1' as const,
            key: s.key,
            loopId: 'demo',
            intent: s.intent,
            at: 'T',
          };
          append({ ...base, phase: 'started' });
          executed.push(s.key);
          if (!s.diesMidRun)
            append({ ...base, phase: 'completed', outcome: { status: 'confirmed', exitCode: 0, entry: {} } });
        }
        expect(new Set(executed).size).toBe(executed.length);
      }),
      { seed },
    );
  });
});
