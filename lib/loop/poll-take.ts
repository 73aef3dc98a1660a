// One poll step over a batch of events.jsonl items, shared by `loop poll-events` (which prints the
// envelopes) and the service's GET /ops/events (which returns them): envelopes in log order, the cursor
// just past the last item taken, corrupt items kept for quarantine, and where to stop. The cursor only
// jumps to the batch's end (past blank lines) when no maximum can stop the poll inside it.
import * as E from 'fp-ts/lib/Either.js';
import type { Cursor } from '../core/position.js';
import type { JsonlBatch, JsonlItem } from '../io/jsonl.js';
import { eventEnvelope, type EnvelopeContext } from './envelope.js';
import type { RawEvent } from './event-fields.js';
import type { LoopRunEvent } from './codecs.js';

export type CorruptItem = JsonlItem<unknown> & { kind: 'corrupt' };

export interface PollProgress {
  readonly cursor: Cursor;
  /** The last line taken (for the cursor's fingerprint); null before the first. */
  readonly lastLine: { readonly byteOffset: number; readonly end: number } | null;
  readonly emitted: number;
  readonly corrupt: readonly CorruptItem[];
}

export interface PollRun {
  readonly ctx: EnvelopeContext;
  readonly file: string;
  /** 0 = no limit. */
  readonly max: number;
}

export interface PollStep {
  readonly progress: PollProgress;
  readonly envelopes: readonly LoopRunEvent[];
  /** True when the poll must end after this step (the maximum is reached, or a record is unusable). */
  readonly stop: boolean;
  /** An unusable record: the error line and where it is; the cursor stays just before it. */
  readonly error: { readonly message: string; readonly details: readonly string[] } | null;
}

/** The progress of a poll that has taken nothing yet from `start`. */
export const pollFrom = (start: Cursor): PollProgress => ({
  cursor: start,
  lastLine: null,
  emitted: 0,
  corrupt: [],
});

/** The note beside an unusable record's error: file:line:byte. */
export const unusableRecordNote = (file: string, line: number, byteOffset: number): string =>
  `${file}:${line}:${byteOffset}: the record has no usable event name or timestamp`;

/** The reference's error for a line cursor past the end of the log. */
export const cursorExceedsMessage = (offset: number, total: number): string =>
  `cursor offset (${offset}) exceeds available events (${total}); reset cursor or use --from-start`;

/**
 * Pure: takes the items of one batch from `from`, in order, until the maximum or an unusable record.
 * Runs once per line of a poll: the progress is kept in locals and built once per batch.
 */
export const takeBatch = (batch: JsonlBatch<RawEvent>, from: PollProgress, run: PollRun): PollStep => {
  let cursor = from.cursor;
  let last: JsonlItem<RawEvent> | null = null;
  let emitted = from.emitted;
  let corrupt: CorruptItem[] | null = null;
  const envelopes: LoopRunEvent[] = [];
  const step = (stop: boolean, error: PollStep['error'] = null): PollStep => ({
    progress: {
      cursor,
      lastLine:
        last === null ? from.lastLine : { byteOffset: last.position.byteOffset, end: last.next.byteOffset },
      emitted,
      corrupt: corrupt ?? from.corrupt,
    },
    envelopes,
    stop,
    error,
  });
  for (const item of batch.items) {
    if (item.kind === 'corrupt') (corrupt ??= [...from.corrupt]).push(item);
    else {
      const env = eventEnvelope(item.value, item.position.line, run.ctx, run.file);
      if (E.isLeft(env))
        return step(true, {
          message: env.left,
          details: [unusableRecordNote(run.file, item.position.line, item.position.byteOffset)],
        });
      envelopes.push(env.right);
      emitted += 1;
    }
    cursor = item.next;
    last = item;
    if (run.max > 0 && emitted >= run.max) return step(true);
  }
  if (batch.end !== null && run.max === 0) cursor = batch.end.cursor;
  return step(false);
};
