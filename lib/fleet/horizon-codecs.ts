// The horizon bridge's own documents as the next run reads them back: the queue (its intents carry the
// packet and trace ids the dedupe is keyed on) and the state (its dedupe keys, and what the previous run
// concluded). Only what the bridge relies on is checked; everything else in an intent is kept as is.
import * as t from 'io-ts';

/** One queued intent: the fields the bridge reads, any others carried through untouched. */
export const bridgeIntentCodec = t.intersection([
  t.UnknownRecord,
  t.partial({
    packetId: t.union([t.string, t.null]),
    traceId: t.union([t.string, t.null]),
    createdAt: t.union([t.string, t.null]),
    status: t.union([t.string, t.null]),
  }),
]);
export type BridgeIntent = t.TypeOf<typeof bridgeIntentCodec>;

/** The queue document (horizon-bridge-queue.json) as read back. */
export const bridgeQueueCodec = t.intersection([
  t.UnknownRecord,
  t.partial({ intents: t.union([t.array(bridgeIntentCodec), t.null]) }),
]);
export type BridgeQueueRead = t.TypeOf<typeof bridgeQueueCodec>;

/** The state document (horizon-bridge-state.json) as read back; `null` JSON is no previous state. */
export const bridgeStateCodec = t.union([
  t.null,
  t.intersection([
    t.UnknownRecord,
    t.partial({
      status: t.unknown,
      updatedAt: t.unknown,
      dedupe: t.union([t.null, t.partial({ keys: t.union([t.array(t.string), t.null]) })]),
    }),
  ]),
]);
export type BridgeStateRead = t.TypeOf<typeof bridgeStateCodec>;
