import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Projection } from '../core/projection.js';
import type { RawEvent } from '../loop/event-fields.js';
import { loopEventsProjection } from '../loop/events-projection.js';
import { positionEvents } from './given.js';
import { replayLaws } from './replay-laws.js';

const SEED = Number(process.env['FC_SEED'] ?? 424242);

const loopEvent: fc.Arbitrary<RawEvent> = fc.record(
  {
    timestamp: fc
      .date({
        min: new Date('2026-01-01T00:00:00Z'),
        max: new Date('2026-12-31T00:00:00Z'),
        noInvalidDate: true,
      })
      .map((d) => d.toISOString().replace(/\.\d{3}Z$/, 'Z')),
    event: fc.constantFrom('loop_start', 'iteration_start', 'role_start', 'role_end', 'loop_complete', ''),
    loop_id: fc.constant('demo'),
    iteration: fc.nat(20),
    data: fc.dictionary(fc.string({ maxLength: 6 }), fc.oneof(fc.string(), fc.integer(), fc.boolean())),
  },
  { requiredKeys: ['loop_id'] },
);

const generatedLog = (n: number) =>
  positionEvents(
    fc.sample(fc.array(loopEvent, { minLength: n, maxLength: n }), { seed: SEED, numRuns: 1 })[0] ?? [],
  );

/** Deliberately broken: evolve reads a counter that lives outside the state, so no two folds agree. */
const closureCounter = (): Projection<{ seen: number; stamp: number }, unknown> => {
  let calls = 0;
  return {
    name: 'broken-closure-counter',
    version: 1,
    initial: { seen: 0, stamp: 0 },
    evolve: (s) => ({ seen: s.seen + 1, stamp: (calls += 1) }),
  };
};

/** Deliberately broken: evolve trusts array identity, which a checkpoint (JSON round trip) does not keep. */
const arrayIdentity = (): Projection<{ items: readonly unknown[]; restarts: number }, unknown> => {
  const known = new WeakSet<object>();
  return {
    name: 'broken-array-identity',
    version: 1,
    initial: { items: [], restarts: 0 },
    evolve: (s, e) => {
      const items = [...s.items, e.value];
      known.add(items);
      return { items, restarts: s.restarts + (known.has(s.items) ? 0 : 1) };
    },
  };
};

describe('when the projection is the loop events fold', () => {
  it('keeps both laws on a generated log of 200 events', () => {
    const result = replayLaws(loopEventsProjection, generatedLog(200), { runs: 100, seed: SEED });
    expect(result).toEqual({ ok: true, runs: 100, seed: SEED });
  });

  it('keeps both laws on every generated log (property)', () => {
    const prop = fc.property(fc.array(loopEvent, { maxLength: 40 }), fc.integer(), (values, seed) => {
      const result = replayLaws(loopEventsProjection, positionEvents(values), { runs: 20, seed });
      expect(result.ok).toBe(true);
    });
    fc.assert(prop, { seed: SEED, numRuns: 50 });
  });

  it('holds on an empty log', () => {
    expect(replayLaws(loopEventsProjection, [], { seed: SEED }).ok).toBe(true);
  });
});

describe('when evolve depends on a mutable closure counter', () => {
  it('fails the deterministic law at the first event, with the seed', () => {
    const events = generatedLog(30);
    const result = replayLaws(closureCounter(), events, { runs: 50, seed: SEED });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.law).toBe('deterministic');
    expect(result.seed).toBe(SEED);
    expect(result.counterexample.eventIndex).toBe(0);
    expect(result.counterexample.position).toEqual({ line: 1, byteOffset: 0 });
    expect(result.message).toMatch(/two full folds differ/);
  });
});

describe('when evolve depends on array identity', () => {
  it('passes the deterministic law but fails the incremental one with a counterexample', () => {
    const events = generatedLog(30);
    const result = replayLaws(arrayIdentity(), events, { runs: 100, seed: SEED });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.law).toBe('incremental');
    expect(result.seed).toBe(SEED);
    const { splitIndex, chunkSizes, eventIndex, position } = result.counterexample;
    expect(splitIndex + chunkSizes.reduce((a, b) => a + b, 0)).toBe(30);
    expect(eventIndex).not.toBeNull();
    expect(position).toEqual(events[eventIndex ?? -1]?.position);
    expect(result.message).toMatch(/\$\.restarts: expected 1, got 2/);
  });

  it('reports the same counterexample for the same seed', () => {
    const events = generatedLog(30);
    const a = replayLaws(arrayIdentity(), events, { seed: 99 });
    const b = replayLaws(arrayIdentity(), events, { seed: 99 });
    expect(a).toEqual(b);
  });
});

describe('when the state cannot be checkpointed at all', () => {
  it('returns a failure instead of throwing', () => {
    const bigints: Projection<{ n: bigint }, unknown> = {
      name: 'broken-bigint',
      version: 1,
      initial: { n: 0n },
      evolve: (s) => ({ n: s.n + 1n }),
    };
    const result = replayLaws(bigints, generatedLog(5), { seed: SEED });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toMatch(/threw: .*BigInt/);
  });
});

describe('when no seed is given', () => {
  it('picks one and reports it', () => {
    const result = replayLaws(loopEventsProjection, generatedLog(10), { runs: 5 });
    expect(result).toMatchObject({ ok: true, runs: 5 });
    expect(Number.isInteger(result.seed)).toBe(true);
  });
});
