// The per-envelope readings a poll runs on every envelope (the event guard and the sequence value) are
// written out by hand for speed; over any JSON-ish input they must answer as the lenient views do.
import * as E from 'fp-ts/lib/Either.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EventEnvelopeView } from './envelope-views.js';
import { readView } from './lenient.js';
import { checkEventEnvelope } from './project-state.js';
import { EnvelopeSequenceView, envelopeSequenceOf } from './sequence.js';

const scalar = fc.oneof(
  fc.constantFrom<unknown>(
    'v1',
    'v2',
    'loop_run_event',
    'demo',
    '',
    null,
    false,
    true,
    0,
    7,
    2 ** 60,
    1.5,
    -3,
  ),
  fc.string({ maxLength: 4 }),
);
const value = fc.oneof(
  scalar,
  fc.array(scalar, { maxLength: 2 }),
  fc.dictionary(fc.constantFrom('name', 'value', 'loopId'), scalar),
);
const envelope = fc.oneof(
  value,
  fc.record(
    {
      schemaVersion: scalar,
      envelopeType: scalar,
      source: fc.oneof(value, fc.record({ loopId: scalar }, { requiredKeys: [] })),
      event: fc.oneof(value, fc.record({ name: scalar }, { requiredKeys: [] })),
      sequence: fc.oneof(value, fc.record({ value: scalar }, { requiredKeys: [] })),
    },
    { requiredKeys: [] },
  ),
);

const viaView = (v: unknown, loopId: string): boolean => {
  const e = readView(EventEnvelopeView, v);
  return (
    e.schemaVersion === 'v1' &&
    e.envelopeType === 'loop_run_event' &&
    (e.loopId ?? '') === loopId &&
    (e.eventName ?? '') !== ''
  );
};

describe('given any envelope-shaped input', () => {
  it('the event guard answers as the view reads it', () => {
    fc.assert(
      fc.property(envelope, fc.constantFrom('demo', ''), (v, loopId) => {
        expect(E.isRight(checkEventEnvelope(v, loopId))).toBe(viaView(v, loopId));
      }),
      { numRuns: 2000 },
    );
  });

  it('the sequence value is the view’s', () => {
    fc.assert(
      fc.property(envelope, (v) => {
        expect(envelopeSequenceOf(v)).toEqual(readView(EnvelopeSequenceView, v));
      }),
      { numRuns: 2000 },
    );
  });
});
