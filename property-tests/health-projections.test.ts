// The replay laws (lib/testing/replay-laws.ts) for the loop manager's observability projections:
// for any escalations log and any envelopes log, folding with checkpoints after any split and any
// chunking equals the full fold, and two full folds are byte-identical.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Projection } from '../lib/core/projection.js';
import { EscalationLineView, dedupeKeyOf, escalationsProjection } from '../lib/loop/escalations.js';
import { readView } from '../lib/loop/lenient.js';
import { envelopeSequenceOf, eventSequenceProjection } from '../lib/loop/sequence.js';
import { positionEvents } from '../lib/testing/given.js';
import { replayLaws } from '../lib/testing/replay-laws.js';

const seed = Number(process.env.FC_SEED ?? 424242);

const escalationArb: fc.Arbitrary<unknown> = fc.oneof(
  fc
    .record({
      timestamp: fc.constant('2026-02-22T12:00:00Z'),
      category: fc.constantFrom('health_degraded', 'health_critical', 'divergence_detected'),
      condition: fc.constantFrom('ingest_stale', 'cursorRegression', 'transport_unreachable'),
      escalationAction: fc.constantFrom('raise', 'resolve', 'other'),
    })
    .map(({ category, condition, ...r }) => ({
      ...r,
      loopId: 'demo',
      category,
      dedupeKey: dedupeKeyOf('demo', category, condition),
    })),
  fc.record({
    loopId: fc.constant('demo'),
    category: fc.constantFrom('health_degraded', 'divergence_detected'),
  }),
);

const envelopeArb: fc.Arbitrary<unknown> = fc.oneof(
  fc.record({ sequence: fc.record({ source: fc.constant('cursor_event_line_offset'), value: fc.nat(50) }) }),
  fc.record({ envelopeType: fc.constant('loop_run_event') }),
);

// Lines as the folds receive them: decoded through the line's view, as the readers do.
const lawsHold = <S, E>(projection: Projection<S, E>, arb: fc.Arbitrary<E>) =>
  fc.assert(
    fc.property(fc.array(arb, { maxLength: 60 }), (values) => {
      const r = replayLaws(projection, positionEvents(values), { seed, runs: 25 });
      expect(r.ok, r.ok ? '' : r.message).toBe(true);
    }),
    { seed, numRuns: 40 },
  );

describe('replay laws of the observability projections', () => {
  it('hold for the escalations projection over generated logs', () => {
    lawsHold(
      escalationsProjection,
      escalationArb.map((v) => readView(EscalationLineView, v)),
    );
  });
  it('hold for the event sequence projection over generated envelope logs', () => {
    lawsHold(eventSequenceProjection, envelopeArb.map(envelopeSequenceOf));
  });
});
