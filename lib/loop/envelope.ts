// Turns one raw `events.jsonl` record into a `loop_run_event` envelope, as the reference poll script
// does; a record without a name or timestamp is refused with the reference's own message.
import * as E from 'fp-ts/lib/Either.js';
import { alt, eventName, orNull, text, toIteration, type RawEvent } from './event-fields.js';
import type { LoopRunEvent } from './codecs.js';

export interface EnvelopeContext {
  readonly repoPath: string;
  readonly loopId: string;
  readonly emittedAt: string;
  readonly traceId: string | null;
  /** Newline-terminated lines in the file at poll time (the reference's `eventLineCount`). */
  readonly lineCount: number;
}

/** Pure: the envelope for the record on `line`, or the reference's error text for an unusable record. */
export const eventEnvelope = (
  raw: RawEvent,
  line: number,
  ctx: EnvelopeContext,
  file: string,
): E.Either<string, LoopRunEvent> => {
  const name = eventName(raw);
  const timestamp = text(alt(raw.timestamp, ''));
  if (name === '') return E.left(`missing event name at line ${line} in ${file}`);
  if (timestamp === '') return E.left(`missing event timestamp at line ${line} in ${file}`);
  return E.right({
    schemaVersion: 'v1',
    envelopeType: 'loop_run_event',
    emittedAt: ctx.emittedAt,
    traceId: ctx.traceId,
    source: { repoPath: ctx.repoPath, loopId: ctx.loopId },
    sequence: { source: 'cursor_event_line_offset', value: line },
    cursor: { eventLineOffset: line, eventLineCount: ctx.lineCount },
    run: { runId: text(alt(raw.run_id, 'unknown')), iteration: toIteration(raw.iteration) },
    event: {
      timestamp,
      name,
      role: orNull(raw.role),
      status: orNull(raw.status),
      message: orNull(raw.message),
      payload: alt(raw.data, null),
      raw,
    },
  });
};
