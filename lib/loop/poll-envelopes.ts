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

/** Folds the envelopes of `batches` from `start` for `run` a batch at a time, holding none of them. */
export const foldEnvelopes = async <S>(
  batches: AsyncIterable<JsonlBatch<RawEvent>>,
  start: Cursor,
  run: PollRun,
  fold: EnvelopeFold<S>,
): Promise<PollFolded<S>> => {
  let progress = pollFrom(start);
  let folded = fold.initial;
  for await (const batch of batches) {
    const step = takeBatch(batch, progress, run);
    if (step.error !== null) return { kind: 'unusable', ...step.error };
    folded = fold.step(folded, step.envelopes as unknown as readonly Envelope[]);
    progress = step.progress;
    if (step.stop) break;
  }
  return { kind: 'taken', folded, progress };
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
