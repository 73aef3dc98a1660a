// Reads an NDJSON file of `loop_run_event` envelopes (what poll-events printed) as a stream and keeps
// the last valid one; every line is checked against the loop scope, with the reference's error lines.
import * as E from 'fp-ts/lib/Either.js';
import { existsSync } from 'node:fs';
import { iterateJsonlBatches, type JsonlItem } from '../../lib/io/jsonl.js';
import { CorruptLineError } from '../../lib/io/jsonl-errors.js';
import { decode } from '../../lib/core/codec.js';
import { LoopRunEvent } from '../../lib/loop/codecs.js';
import { checkEventEnvelope } from '../../lib/loop/project-state.js';
import { CliError } from '../cli/errors.js';

export interface LastEnvelope {
  readonly envelope: unknown;
  readonly notes: readonly string[];
}

const why = (v: unknown, loopId: string): string => {
  const r = decode(LoopRunEvent, v);
  return E.isLeft(r) ? r.left.message : `$.source.loopId: expected ${JSON.stringify(loopId)}`;
};

const checked = (item: JsonlItem<unknown>, shownAs: string, loopId: string): unknown => {
  if (item.kind !== 'record') return undefined;
  if (E.isLeft(checkEventEnvelope(item.value, loopId))) {
    const at = `${shownAs}:${item.position.line}:${item.position.byteOffset}`;
    throw new CliError('event envelope is invalid or loop id mismatch', [
      `${at}: ${why(item.value, loopId)}`,
    ]);
  }
  return item.value;
};

/** The last envelope of `file` (null when it holds none). */
export const lastEventEnvelope = async (
  file: string,
  shownAs: string,
  loopId: string,
): Promise<LastEnvelope> => {
  if (!existsSync(file)) throw new CliError(`events file not found: ${shownAs}`);
  let last: unknown = null;
  const notes: string[] = [];
  try {
    for await (const batch of iterateJsonlBatches(file)) {
      for (const item of batch.items) last = checked(item, shownAs, loopId) ?? last;
      const tail = batch.end?.tornTail;
      if (tail)
        notes.push(
          `${shownAs}: incomplete last line at byte ${tail.byteOffset} held back until it ends with a newline`,
        );
    }
  } catch (err) {
    if (!(err instanceof CorruptLineError)) throw err;
    throw new CliError(`invalid event envelope in ${shownAs}`, [
      `${shownAs}:${err.line}:${err.byteOffset}: ${err.reason}`,
    ]);
  }
  return { envelope: last, notes };
};
