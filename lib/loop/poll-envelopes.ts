// A poll's taking of envelopes over any stream of decoded batches (the events log read from a cursor,
// in the runner): batch after batch until the maximum or an unusable record. A read failure of the
// stream (a corrupt line, a changed source) passes through for the caller to word.
import type { Cursor } from '../core/position.js';
import type { JsonlBatch } from '../io/jsonl.js';
import type { LoopRunEvent } from './codecs.js';
import type { RawEvent } from './event-fields.js';
import { pollFrom, takeBatch, type PollProgress, type PollRun } from './poll-take.js';

export type PollTaken =
  | { readonly kind: 'taken'; readonly events: readonly LoopRunEvent[]; readonly progress: PollProgress }
  /** An unusable record: the error line and where it is. */
  | { readonly kind: 'unusable'; readonly message: string; readonly details: readonly string[] };

/** Takes the envelopes of `batches` from `start` for `run`. */
export const takeEnvelopes = async (
  batches: AsyncIterable<JsonlBatch<RawEvent>>,
  start: Cursor,
  run: PollRun,
): Promise<PollTaken> => {
  let progress = pollFrom(start);
  const events: LoopRunEvent[] = [];
  for await (const batch of batches) {
    const step = takeBatch(batch, progress, run);
    if (step.error !== null) return { kind: 'unusable', ...step.error };
    events.push(...step.envelopes);
    progress = step.progress;
    if (step.stop) break;
  }
  return { kind: 'taken', events, progress };
};
