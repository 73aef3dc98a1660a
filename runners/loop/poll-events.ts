// opsfold loop poll-events: emits each new events.jsonl record once, as a `loop_run_event` envelope,
// then saves the cursor atomically after the output it covers. Across any sequence of polls each
// complete line is emitted exactly once; a torn last line waits until it is completed.
import { join } from 'node:path';
import { iterateJsonlBatches } from '../../lib/io/jsonl.js';
import { progressReporter, reportingBatches } from '../../lib/io/progress.js';
import { unescaped } from '../cli/safe-stderr.js';
import { decodeLoopEventLine } from '../../lib/loop/event-guard.js';
import type { RawEvent } from '../../lib/loop/event-fields.js';
import { nonNegativeInteger } from '../../lib/loop/flag-numbers.js';
import { asOfOf } from '../cli/clock.js';
import { str, type Command, type Io, type Values } from '../cli/command.js';
import { usageError } from '../cli/errors.js';
import { loopPathsOf } from '../cli/loop-paths.js';
import { loopRoots, writeArtifact } from '../cli/artifacts.js';
import { requireEvents } from './require-events.js';
import { pollStart } from './poll-start.js';
import { polledCursorDoc } from './poll-cursor.js';
import { drainPoll } from './poll-drain.js';
import { quarantine } from './quarantine.js';
import { explainFoldError } from './fold-errors.js';
import { readExits, readFlags, traceIdFlag, quietFlag } from '../cli/common-flags.js';

const maxEventsOf = (v: Values): number => {
  const max = nonNegativeInteger(str(v, 'max-events') ?? '0');
  if (max === null) throw usageError('--max-events must be a non-negative integer');
  return max;
};

export const loopPollEvents: Command = {
  path: ['loop', 'poll-events'],
  prints: 'jsonl',
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
    quiet: quietFlag,
  },
  exits: readExits,
  notes: [
    'A cursor ahead of the log, or a log truncated or replaced under the cursor, fails closed: reset the cursor or use --from-start.',
    'On a bad line, the events before it are emitted and the cursor stops just before it (exit 1).',
  ],
  async run(v, _pos, io: Io) {
    const p = loopPathsOf(v, io.cwd);
    const max = maxEventsOf(v);
    requireEvents(p);
    const cursorFile = str(v, 'cursor-file') ?? join(p.loopDir, 'ops-manager.cursor.json');
    const asOf = asOfOf(v, io).iso;
    const { start, size, totalLines } = await pollStart(p, cursorFile, v['from-start'] === true);
    const ctx = {
      repoPath: p.repo,
      loopId: p.loopId,
      emittedAt: asOf,
      traceId: str(v, 'trace-id') ?? null,
      lineCount: totalLines,
    };
    const read = iterateJsonlBatches<RawEvent>(p.events, {
      from: start,
      until: size,
      decode: decodeLoopEventLine,
      skipCorrupt: v['skip-corrupt'] === true,
    });
    const report = progressReporter(unescaped(io.stderr), {
      label: 'poll-events',
      totalBytes: size - start.byteOffset,
      quiet: v['quiet'] === true,
      now: io.now,
    });
    const batches = reportingBatches(read, report, start.byteOffset);
    const run = { ctx, file: p.events, max };
    const { progress, failure } = await drainPoll(batches, start, run, io.stdout);
    await quarantine(p.opsfoldDir, p.events, progress.corrupt, asOf);
    await writeArtifact(
      loopRoots(p),
      cursorFile,
      await polledCursorDoc(p, progress, { lineCount: totalLines, asOf }),
    );
    if (failure !== null) explainFoldError(failure);
    return 0;
  },
};
