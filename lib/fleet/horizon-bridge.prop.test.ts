// Law of the horizon bridge (lib/fleet/horizon-bridge.ts): over any sequence of runs, any outbox
// contents (valid, duplicate, broken and blank lines, in any files) and even a lost state document,
// no packet (packetId + traceId) is ever queued twice: each run's new intents are keys the queue did not
// hold, the queue never holds a key twice, and the queued counts add up to the queue's length.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as E from 'fp-ts/lib/Either.js';
import type * as t from 'io-ts';
import { bridgeRun, type ClaimedFile } from './horizon-bridge.js';
import {
  bridgeQueueCodec,
  bridgeStateCodec,
  type BridgeQueueRead,
  type BridgeStateRead,
} from './horizon-codecs.js';

const decodeOrThrow = <A>(codec: t.Type<A, unknown, unknown>, v: unknown): A => {
  const got = codec.decode(v);
  if (E.isLeft(got)) throw new Error('a document the bridge wrote does not decode');
  return got.right;
};

const seed = Number(process.env.FC_SEED ?? 424242);
const files = { outboxDir: '/o', claimsDir: '/c', queueFile: '/q', stateFile: '/s', telemetryFile: '/t' };

const validLine = fc
  .record({ p: fc.constantFrom('p1', 'p2', 'p3', 'p4'), t: fc.constantFrom('t1', 't2'), i: fc.string() })
  .map(({ p, t, i }) =>
    JSON.stringify({
      schemaVersion: 'v1',
      traceId: t,
      packet: { packetId: p, recipient: { type: 'human', id: 'x' }, intent: i === '' ? 'go' : i },
      evidenceRefs: [],
    }),
  );
const lineArb = fc.oneof(
  { weight: 6, arbitrary: validLine },
  { weight: 1, arbitrary: fc.constantFrom('', '{', '{"schemaVersion":"v1"}', '[]') },
);
const fileArb = fc.array(lineArb, { maxLength: 5 }).map((ls) => ls.join('\n'));
const runArb = fc.record({ files: fc.array(fileArb, { maxLength: 4 }), loseState: fc.boolean() });

const keysOf = (queue: unknown): string[] =>
  (queue as { intents: { packetId: string; traceId: string }[] }).intents.map(
    (i) => `${i.packetId}::${i.traceId}`,
  );

describe('horizon bridge laws', () => {
  it('never queues a packet twice, over any sequence of runs', () => {
    fc.assert(
      fc.property(fc.array(runArb, { maxLength: 6 }), (runs) => {
        let queue: BridgeQueueRead | null = null;
        let state: BridgeStateRead = null;
        let queuedTotal = 0;
        runs.forEach((r, n) => {
          const claims: ClaimedFile[] = r.files.map((text, i) => ({ rel: `f${n}-${i}`, text }));
          const before = new Set(queue === null ? [] : keysOf(queue));
          const out = bridgeRun({
            asOf: `2026-03-01T10:00:0${n}Z`,
            traceId: `run-${n}`,
            files,
            priorQueue: queue,
            priorState: r.loseState ? null : state,
            claims,
          });
          const after = keysOf(out.queue);
          expect(new Set(after).size).toBe(after.length);
          const added = after.filter((k) => !before.has(k));
          const queued = (out.state as { summary: { queuedEnvelopeCount: number } }).summary
            .queuedEnvelopeCount;
          expect(added).toHaveLength(queued);
          queuedTotal += queued;
          // What the next run reads back is what was written, decoded as the edge decodes it.
          queue = decodeOrThrow(bridgeQueueCodec, JSON.parse(JSON.stringify(out.queue)));
          state = decodeOrThrow(bridgeStateCodec, JSON.parse(JSON.stringify(out.state)));
        });
        expect(queue === null ? 0 : keysOf(queue).length).toBe(queuedTotal);
      }),
      { seed },
    );
  });
});
