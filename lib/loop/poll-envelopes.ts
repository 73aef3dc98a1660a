// A poll's taking of envelopes over any stream of decoded batches (the events log read from a cursor,
// in the runner): batch after batch until the maximum or an unusable record. A read failure of the
// stream (a corrupt line, a changed source) passes through for the caller to word.
import type { Cursor } from '../core/position.js';
import type { JsonlBatch } from '../io/jsonl.js';
import type { LoopRunEvent } from './codecs.js';
import type { RawEvent } from './event-fields.js';
import { collectEnvelopes, type Envelope, type EnvelopeFold } from './envelope-fold.js';
import { pollFrom, takeBatch, type PollProgress, type PollRun } from './poll-take.js';

export type PollFolded<S> =
  | { readonly kind: 'taken'; readonly folded: S; readonly progress: PollProgress }
  /** An unusable record: the error line and where it is. */
  | { readonly kind: 'unusable'; readonly message: string; readonly details: readonly string[] };

export type PollTaken =
  | { readonly kind: 'taken'; readonly events: readonly LoopRunEvent[]; readonly progress: PollProgress }
  | Extract<PollFolded<never>, { kind: 'unusable' }>;

/** A poll fed one batch at a time (by its own read, or riding on another fold's read of the same bytes). */
export interface EnvelopeTaker<S> {
  /** Takes the batch's envelopes; ignored once the poll has stopped. */
  feed(batch: JsonlBatch<RawEvent>): void;
  /** True once the maximum is reached or a record is unusable. */
  readonly stopped: () => boolean;
  readonly result: () => PollFolded<S>;
}

/** A poll from `start` for `run`, folding its envelopes with `fold` and holding none of them. */
export const envelopeTaker = <S>(start: Cursor, run: PollRun, fold: EnvelopeFold<S>): EnvelopeTaker<S> => {
  let progress = pollFrom(start);
  let folded = fold.initial;
  let unusable: Extract<PollFolded<S>, { kind: 'unusable' }> | null = null;
  let stopped = false;
  return {
    feed(batch) {
      if (stopped) return;
      const step = takeBatch(batch, progress, run);
      stopped = step.stop;
      if (step.error !== null) {
        unusable = { kind: 'unusable', ...step.error };
        return;
      }
      folded = fold.step(folded, step.envelopes as unknown as readonly Envelope[]);
      progress = step.progress;
    },
    stopped: () => stopped,
    result: () => unusable ?? { kind: 'taken', folded, progress },
  };
};

/** Folds the envelopes of `batches` from `start` for `run` a batch at a time, holding none of them. */
export const foldEnvelopes = async <S>(
  batches: AsyncIterable<JsonlBatch<RawEvent>>,
  start: Cursor,
  run: PollRun,
  fold: EnvelopeFold<S>,
): Promise<PollFolded<S>> => {
  const taker = envelopeTaker(start, run, fold);
  for await (const batch of batches) {
    taker.feed(batch);
    if (taker.stopped()) break;
  }
  return taker.result();
};

/** Takes (keeps) every envelope of `batches` from `start` for `run`. */
export const takeEnvelopes = async (
  batches: AsyncIterable<JsonlBatch<RawEvent>>,
  start: Cursor,
  run: PollRun,
): Promise<PollTaken> => {
  const got = await foldEnvelopes(batches, start, run, collectEnvelopes);
  if (got.kind === 'unusable') return got;
  return { kind: 'taken', events: got.folded as unknown as readonly LoopRunEvent[], progress: got.progress };
};
