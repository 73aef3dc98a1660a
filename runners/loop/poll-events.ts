// opsfold loop poll-events: emits each new events.jsonl record once, as a `loop_run_event` envelope,
// then saves the cursor atomically after the output it covers. Across any sequence of polls each
// complete line is emitted exactly once; a torn last line waits until it is completed.
import * as E from 'fp-ts/lib/Either.js';
import { join } from 'node:path';
import { iterateJsonlBatches, type JsonlBatch, type JsonlItem } from '../../lib/io/jsonl.js';
import { writeJsonAtomic } from '../../lib/io/atomic.js';
import { fingerprintAt } from '../../lib/io/checkpoints.js';
import type { Cursor } from '../../lib/core/position.js';
import { eventEnvelope, type EnvelopeContext } from '../../lib/loop/envelope.js';
import { decodeLoopEventLine } from '../../lib/loop/event-guard.js';
import type { RawEvent } from '../../lib/loop/event-fields.js';
import { displayPath } from '../../lib/loop/artifact-ref.js';
import { asOfOf } from '../cli/clock.js';
import { required, str, type Command, type Io, type Values } from '../cli/command.js';
import { CliError, usageError } from '../cli/errors.js';
import { writeOut } from '../cli/write-out.js';
import { loopPaths, type LoopPaths } from '../cli/loop-paths.js';
import { requireEvents } from './require-events.js';
import { pollStart } from './poll-start.js';
import { cursorDocument } from './cursor-file.js';
import { quarantine } from './quarantine.js';
import { explainFoldError } from './fold-errors.js';
import { readExits, readFlags, traceIdFlag } from '../cli/common-flags.js';

const maxEventsOf = (v: Values): number => {
  const raw = str(v, 'max-events') ?? '0';
  if (!/^[0-9]+$/.test(raw)) throw usageError('--max-events must be a non-negative integer');
  return Number(raw);
};

interface Poll {
  cursor: Cursor;
  lastLine: { byteOffset: number; end: number } | null;
  emitted: number;
  corrupt: (JsonlItem<unknown> & { kind: 'corrupt' })[];
}

const saveCursor = async (
  p: LoopPaths,
  file: string,
  poll: Poll,
  ctx: { lineCount: number; asOf: string },
) => {
  const fingerprint = await fingerprintAt(p.events, poll.cursor, poll.lastLine);
  const doc = cursorDocument({
    repoPath: p.repo,
    loopId: p.loopId,
    eventsPath: displayPath(p.repo, p.events),
    cursor: poll.cursor,
    lineCount: ctx.lineCount,
    updatedAt: ctx.asOf,
    fingerprint,
  });
  await writeJsonAtomic(file, doc);
};

interface Taken {
  readonly text: string;
  readonly stop: boolean;
  readonly error: CliError | null;
}

/** Pure over one batch: the envelopes to print, the advanced cursor, and whether to stop here. */
const take = (
  batch: JsonlBatch<RawEvent>,
  poll: Poll,
  run: { ctx: EnvelopeContext; file: string; max: number },
): Taken => {
  const { ctx, file, max } = run;
  let text = '';
  for (const item of batch.items) {
    if (item.kind === 'corrupt') poll.corrupt.push(item);
    else {
      const env = eventEnvelope(item.value, item.position.line, ctx, file);
      if (E.isLeft(env)) {
        const where = `${file}:${item.position.line}:${item.position.byteOffset}: the record has no usable event name or timestamp`;
        return { text, stop: true, error: new CliError(env.left, [where]) };
      }
      text += `${JSON.stringify(env.right)}\n`;
      poll.emitted += 1;
    }
    poll.cursor = item.next;
    poll.lastLine = { byteOffset: item.position.byteOffset, end: item.next.byteOffset };
    if (max > 0 && poll.emitted >= max) return { text, stop: true, error: null };
  }
  if (batch.end !== null && max === 0) poll.cursor = batch.end.cursor;
  return { text, stop: false, error: null };
};

/** Streams batches to stdout with backpressure; the first failure is returned, not thrown. */
const drain = async (
  batches: AsyncIterable<JsonlBatch<RawEvent>>,
  run: (b: JsonlBatch<RawEvent>) => Taken,
  out: Io['stdout'],
) => {
  try {
    for await (const batch of batches) {
      const t = run(batch);
      await writeOut(out, t.text);
      if (t.error !== null) return t.error;
      if (t.stop) return null;
    }
    return null;
  } catch (err) {
    return err;
  }
};

export const loopPollEvents: Command = {
  path: ['loop', 'poll-events'],
  title: 'print new events as loop_run_event envelopes, exactly once',
  usage: '--repo <path> --loop <id> [--cursor-file <path>] [options]',
  summary:
    'Print new events.jsonl records as loop_run_event envelopes (one JSON per line) and advance the cursor file ' +
    'atomically after the output. Each complete line is emitted exactly once across polls.',
  flags: {
    ...readFlags,
    'cursor-file': {
      type: 'string',
      arg: 'path',
      help: 'Cursor JSON. Default: <repo>/.superloop/loops/<loop>/ops-manager.cursor.json',
    },
    'max-events': { type: 'string', arg: 'n', help: 'Emit at most n events in this call (0 = no limit).' },
    'trace-id': traceIdFlag,
  },
  exits: readExits,
  notes: [
    'A cursor ahead of the log, or a log truncated or replaced under the cursor, fails closed: reset the cursor or use --from-start.',
    'On a bad line, the events before it are emitted and the cursor stops just before it (exit 1).',
  ],
  async run(v, _pos, io: Io) {
    const p = loopPaths(io.cwd, required(v, 'repo'), required(v, 'loop'), str(v, 'state-dir'));
    const max = maxEventsOf(v);
    requireEvents(p);
    const cursorFile = str(v, 'cursor-file') ?? join(p.loopDir, 'ops-manager.cursor.json');
    const asOf = asOfOf(v, io).iso;
    const { start, size, totalLines } = await pollStart(p.events, cursorFile, v['from-start'] === true);
    const ctx = {
      repoPath: p.repo,
      loopId: p.loopId,
      emittedAt: asOf,
      traceId: str(v, 'trace-id') ?? null,
      lineCount: totalLines,
    };
    const poll: Poll = { cursor: start, lastLine: null, emitted: 0, corrupt: [] };
    const batches = iterateJsonlBatches<RawEvent>(p.events, {
      from: start,
      until: size,
      decode: decodeLoopEventLine,
      skipCorrupt: v['skip-corrupt'] === true,
    });
    const failure = await drain(batches, (b) => take(b, poll, { ctx, file: p.events, max }), io.stdout);
    await quarantine(p.opsfoldDir, p.events, poll.corrupt, asOf);
    await saveCursor(p, cursorFile, poll, { lineCount: totalLines, asOf });
    if (failure !== null) explainFoldError(failure);
    return 0;
  },
};
