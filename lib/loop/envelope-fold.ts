// What a reconcile pass keeps of the polled event envelopes, folded batch by batch as the transport
// reads them, so a backlog of millions of events is never held: their count, the last one, the first
// that fails the loop's envelope check, and the sequence summary. Pure.
import * as E from 'fp-ts/lib/Either.js';
import { foldFrom } from '../core/projection.js';
import { checkEventEnvelope } from './project-state.js';
import { envelopeSequenceOf, eventSequenceProjection, type EventSequenceState } from './sequence.js';

export type Envelope = Readonly<Record<string, unknown>>;

/** A fold over the envelopes of one poll, given a batch at a time in log order. */
export interface EnvelopeFold<S> {
  readonly initial: S;
  readonly step: (s: S, batch: readonly Envelope[]) => S;
}

export interface PolledSummary {
  readonly count: number;
  readonly last: Envelope | null;
  /** 1-based index in this poll of the first envelope that is invalid or names another loop. */
  readonly firstInvalid: number | null;
  readonly sequence: EventSequenceState;
}

/** Pure: the reconcile pass's summary of a poll's envelopes for `loopId`. */
export const polledSummaryFold = (loopId: string): EnvelopeFold<PolledSummary> => ({
  initial: { count: 0, last: null, firstInvalid: null, sequence: eventSequenceProjection.initial },
  step: (s, batch) => {
    let firstInvalid = s.firstInvalid;
    batch.forEach((e, i) => {
      if (firstInvalid === null && E.isLeft(checkEventEnvelope(e, loopId))) firstInvalid = s.count + i + 1;
    });
    const positioned = batch.map((e, i) => ({
      value: envelopeSequenceOf(e),
      position: { line: s.count + i + 1, byteOffset: 0 },
    }));
    return {
      count: s.count + batch.length,
      last: batch.length === 0 ? s.last : (batch[batch.length - 1] ?? null),
      firstInvalid,
      sequence: foldFrom(eventSequenceProjection, s.sequence, positioned),
    };
  },
});

/** Pure: keeps every envelope (for a caller that must answer with all of them, and for tests). */
export const collectEnvelopes: EnvelopeFold<readonly Envelope[]> = {
  initial: [],
  step: (s, batch) => [...s, ...batch],
};
