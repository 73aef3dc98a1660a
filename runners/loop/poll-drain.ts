// Prints a poll's batches as they come, with backpressure, so a large backlog is never held in memory.
import type { JsonlBatch } from '../../lib/io/jsonl.js';
import type { RawEvent } from '../../lib/loop/event-fields.js';
import { pollFrom, takeBatch, type PollProgress, type PollRun } from '../../lib/loop/poll-take.js';
import type { Cursor } from '../../lib/core/position.js';
import { envelopeSerializer } from '../../lib/loop/envelope-json.js';
import { encodeLines } from '../../lib/io/line-bytes.js';
import type { Io } from '../cli/command.js';
import { CliError } from '../cli/errors.js';
import { writeOut } from '../cli/write-out.js';

export interface Drained {
  readonly progress: PollProgress;
  /** The first failure (an unusable record, or the reader's), returned rather than thrown. */
  readonly failure: unknown;
}

export const drainPoll = async (
  batches: AsyncIterable<JsonlBatch<RawEvent>>,
  start: Cursor,
  run: PollRun,
  out: Io['stdout'],
): Promise<Drained> => {
  let progress = pollFrom(start);
  const serialize = envelopeSerializer();
  try {
    for await (const batch of batches) {
      const step = takeBatch(batch, progress, run);
      progress = step.progress;
      await writeOut(out, encodeLines(step.envelopes, serialize));
      if (step.error !== null)
        return { progress, failure: new CliError(step.error.message, [...step.error.details]) };
      if (step.stop) return { progress, failure: null };
    }
    return { progress, failure: null };
  } catch (err) {
    return { progress, failure: err };
  }
};
