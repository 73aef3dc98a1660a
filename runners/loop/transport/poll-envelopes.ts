// The poll of `opsfold loop poll-events` as a function returning its envelopes instead of printing
// them, for the service's GET /ops/events and for fetching over the local transport: from a start
// cursor up to the size seen when the poll began, at most `maxEvents` (0 = all), each complete line
// once. A start given as a line count (the service's `cursor` parameter) is located by counting lines.
import * as E from 'fp-ts/lib/Either.js';
import { promises as fsp } from 'node:fs';
import type { Cursor } from '../../../lib/core/position.js';
import { iterateJsonlBatches, type JsonlItem } from '../../../lib/io/jsonl.js';
import { newlinesInRange } from '../../../lib/io/byte-range.js';
import { eventEnvelope } from '../../../lib/loop/envelope.js';
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
}

export interface Polled {
  readonly events: readonly LoopRunEvent[];
  readonly cursor: Cursor;
  readonly lastLine: { readonly byteOffset: number; readonly end: number } | null;
  readonly corrupt: readonly (JsonlItem<unknown> & { kind: 'corrupt' })[];
  /** Newline-terminated lines in the log when the poll began (the reference's eventLineCount). */
  readonly totalLines: number;
}

/** Where a poll from line `lines` starts (the reference's error when the log is shorter). */
export const pollStartAtLine = async (events: string, lines: number): Promise<PollStart> => {
  const size = (await fsp.stat(events)).size;
  const start = await cursorAfterLines(events, lines, size);
  if (start === null) {
    const total = await newlinesInRange(events, 0, size);
    throw new CliError(
      `cursor offset (${lines}) exceeds available events (${total}); reset cursor or use --from-start`,
    );
  }
  return { start, size, totalLines: start.lines + (await newlinesInRange(events, start.byteOffset, size)) };
};

interface Acc {
  events: LoopRunEvent[];
  cursor: Cursor;
  lastLine: Polled['lastLine'];
  corrupt: (JsonlItem<unknown> & { kind: 'corrupt' })[];
}

interface Run {
  readonly ctx: Parameters<typeof eventEnvelope>[2];
  readonly file: string;
  readonly max: number;
}

/** Takes one item; true when the poll has emitted its maximum. */
const takeItem = (item: JsonlItem<RawEvent>, acc: Acc, run: Run): boolean => {
  if (item.kind === 'corrupt') acc.corrupt.push(item);
  else {
    const env = eventEnvelope(item.value, item.position.line, run.ctx, run.file);
    if (E.isLeft(env))
      throw new CliError(env.left, [
        `${run.file}:${item.position.line}:${item.position.byteOffset}: the record has no usable event name or timestamp`,
      ]);
    acc.events.push(env.right);
  }
  acc.cursor = item.next;
  acc.lastLine = { byteOffset: item.position.byteOffset, end: item.next.byteOffset };
  return run.max > 0 && acc.events.length >= run.max;
};

/** Reads the envelopes of the log from `from`; throws CliError on a bad line (unless skipping). */
export const pollEnvelopes = async (p: LoopPaths, from: PollStart, o: PollOptions): Promise<Polled> => {
  const ctx = {
    repoPath: p.repo,
    loopId: p.loopId,
    emittedAt: o.asOf,
    traceId: o.traceId,
    lineCount: from.totalLines,
  };
  const acc: Acc = { events: [], cursor: from.start, lastLine: null, corrupt: [] };
  const batches = iterateJsonlBatches<RawEvent>(p.events, {
    from: from.start,
    until: from.size,
    decode: decodeLoopEventLine,
    skipCorrupt: o.skipCorrupt,
  });
  const run: Run = { ctx, file: p.events, max: o.maxEvents };
  try {
    for await (const batch of batches) {
      if (batch.items.some((item) => takeItem(item, acc, run))) break;
      if (batch.end !== null && o.maxEvents === 0) acc.cursor = batch.end.cursor;
    }
  } catch (err) {
    if (err instanceof CliError) throw err;
    explainFoldError(err);
  }
  return { ...acc, totalLines: from.totalLines };
};
