import * as E from 'fp-ts/lib/Either.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { eventEnvelope, type EnvelopeContext } from './envelope.js';
import { envelopeSerializer } from './envelope-json.js';
import type { RawEvent } from './event-fields.js';

const json = fc.jsonValue();
const rawArb = fc.record(
  {
    timestamp: fc.oneof(fc.string(), json),
    event: fc.oneof(fc.string({ minLength: 1 }), json),
    type: fc.string(),
    run_id: json,
    iteration: json,
    role: json,
    status: json,
    message: json,
    data: json,
    extra: json,
  },
  { requiredKeys: ['timestamp', 'event'] },
);
const ctxArb: fc.Arbitrary<EnvelopeContext> = fc.record({
  repoPath: fc.string(),
  loopId: fc.string(),
  emittedAt: fc.string(),
  traceId: fc.option(fc.string()),
  lineCount: fc.nat(),
});

describe('an envelope written from the template', () => {
  it('is byte for byte JSON.stringify of the envelope, across a poll whose context changes', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(rawArb, fc.nat(), ctxArb), { maxLength: 8 }),
        fc.boolean(),
        (xs, same) => {
          const serialize = envelopeSerializer();
          for (const [raw, line, ctx] of xs) {
            const env = eventEnvelope(raw as RawEvent, line, same ? (xs[0]?.[2] ?? ctx) : ctx, 'f');
            if (E.isRight(env)) expect(serialize(env.right)).toBe(JSON.stringify(env.right));
          }
        },
      ),
      { seed: Number(process.env['FC_SEED'] ?? 424242), numRuns: 300 },
    );
  });
  it('falls back to JSON.stringify for an envelope of another shape', () => {
    const env = { schemaVersion: 'v1', source: { repoPath: 'r', loopId: 'l', x: 1 }, event: { payload: 1 } };
    expect(envelopeSerializer()(env as never)).toBe(JSON.stringify(env));
  });
});
