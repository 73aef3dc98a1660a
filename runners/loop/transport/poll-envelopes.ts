// The poll of `opsfold loop poll-events` as a function returning its envelopes instead of printing
// them, for the service's GET /ops/events and for fetching over the local transport: from a start
// cursor up to the size seen when the poll began, at most `maxEvents` (0 = all), each complete line
// once. A start given as a line count (the service's `cursor` parameter) is located by counting lines.
import { promises as fsp } from 'node:fs';
import type { Cursor } from '../../../lib/core/position.js';
import { iterateJsonlBatches, type JsonlBatch } from '../../../lib/io/jsonl.js';
import { reportingBatches, type Progress, type ProgressPort } from '../../../lib/io/progress.js';
import { newlinesInRange } from '../../../lib/io/byte-range.js';
import { cursorExceedsMessage, type CorruptItem, type PollRun } from '../../../lib/loop/poll-take.js';
import { envelopeTaker, foldEnvelopes, type PollFolded } from '../../../lib/loop/poll-envelopes.js';
import { collectEnvelopes, type EnvelopeFold } from '../../../lib/loop/envelope-fold.js';
import { decodeLoopEventLine } from '../../../lib/loop/event-guard.js';
import type { RawEvent } from '../../../lib/loop/event-fields.js';
import type { LoopRunEvent } from '../../../lib/loop/codecs.js';
import { CliError } from '../../cli/errors.js';
import { explainFoldError } from '../fold-errors.js';
import { cursorAfterLines } from '../locate-line.js';
import type { PollStart } from '../poll-start.js';
import type { LoopPaths } from '../../cli/loop-paths.js';

export interface PollOptions {
  readonly maxEvents: number;
  readonly traceId: string | null;
  readonly asOf: string;
  readonly skipCorrupt: boolean;
  /** Progress of the reading (a terminal's line), updated after each batch. */
  readonly progress?: ProgressPort;
}

export interface Polled<S = readonly LoopRunEvent[]> {
  /** The envelopes as folded by the caller's fold (all of them, by default). */
  readonly events: S;
  readonly cursor: Cursor;
  readonly lastLine: { readonly byteOffset: number; readonly end: number } | null;
  readonly corrupt: readonly CorruptItem[];
  /** Newline-terminated lines in the log when the poll began (the reference's eventLineCount). */
  readonly totalLines: number;
}

/** Where a poll from line `lines` starts (the reference's error when the log is shorter). */
export const pollStartAtLine = async (events: string, lines: number): Promise<PollStart> => {
  const size = (await fsp.stat(events)).size;
  const start = await cursorAfterLines(events, lines, size);
  if (start === null) {
    const total = await newlinesInRange(events, 0, size);
    throw new CliError(cursorExceedsMessage(lines, total));
  }
  return { start, size, totalLines: start.lines + (await newlinesInRange(events, start.byteOffset, size)) };
};

const runOf = (p: LoopPaths, from: PollStart, o: PollOptions): PollRun => ({
  ctx: {
    repoPath: p.repo,
    loopId: p.loopId,
    emittedAt: o.asOf,
    traceId: o.traceId,
    lineCount: from.totalLines,
  },
  file: p.events,
  max: o.maxEvents,
});

const polledOf = <S>(taken: PollFolded<S>, from: PollStart): Polled<S> => {
  if (taken.kind === 'unusable') throw new CliError(taken.message, [...taken.details]);
  const { cursor, lastLine, corrupt } = taken.progress;
  return { events: taken.folded, cursor, lastLine, corrupt, totalLines: from.totalLines };
};

/**
 * Reads the envelopes of the log from `from`, folded with `fold` a batch at a time (default: kept, for
 * an answer that must hold them all); throws CliError on a bad line (unless skipping).
 */
export const pollEnvelopes = async <S = readonly LoopRunEvent[]>(
  p: LoopPaths,
  from: PollStart,
  o: PollOptions,
  fold: EnvelopeFold<S> = collectEnvelopes as unknown as EnvelopeFold<S>,
): Promise<Polled<S>> => {
  const read = iterateJsonlBatches<RawEvent>(p.events, {
    from: from.start,
    until: from.size,
    decode: decodeLoopEventLine,
    skipCorrupt: o.skipCorrupt,
  });
  const startByte = from.start.byteOffset;
  // Nothing new to read (a re-run): no report at all, not a line of zeros.
  const batches =
    o.progress === undefined || from.size === startByte
      ? read
      : reportingBatches(read, o.progress(from.size - startByte), startByte);
  const taken = await foldEnvelopes(batches, from.start, runOf(p, from, o), fold).catch(explainFoldError);
  return polledOf(taken, from);
};

/** A poll that rides on another fold's read of the same log (same decoding, up to `from.size`). */
export interface PollTap<S> {
  /** For the other fold's `tap`: takes its batches when it starts where this poll starts. */
  readonly tap: (start: Cursor) => ((batch: JsonlBatch<RawEvent>) => void) | null;
  /** The poll, if the other fold fed it (else null: poll with pollEnvelopes); throws as pollEnvelopes. */
  readonly polled: () => Polled<S> | null;
}

/** The progress of a tapped read, as reportingBatches reports a read of its own. */
const tapReport = (o: PollOptions, from: PollStart) => {
  const startByte = from.start.byteOffset;
  const report: Progress | null =
    o.progress === undefined || from.size === startByte ? null : o.progress(from.size - startByte);
  let events = 0;
  return {
    update: (batch: JsonlBatch<RawEvent>) => {
      events += batch.items.filter((i) => i.kind === 'record').length;
      report?.update({ events, bytes: batch.cursor.byteOffset - startByte });
    },
    end: () => report?.end(),
  };
};

export const pollTap = <S>(
  p: LoopPaths,
  from: PollStart,
  o: PollOptions,
  fold: EnvelopeFold<S>,
): PollTap<S> => {
  const taker = envelopeTaker(from.start, runOf(p, from, o), fold);
  let fed = false;
  const report = tapReport(o, from);
  return {
    tap: (start) => {
      if (start.byteOffset !== from.start.byteOffset || start.lines !== from.start.lines) return null;
      fed = true;
      return (batch) => {
        taker.feed(batch);
        report.update(batch);
      };
    },
    polled: () => {
      report.end();
      return fed ? polledOf(taker.result(), from) : null;
    },
  };
};
