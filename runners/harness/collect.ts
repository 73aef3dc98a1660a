// opsfold harness collect: the callback/closeout collector (seed 004 §5). One pass by default; with
// --watch, a pass whenever a marker appears (fs.watch through rxjs) and on every poll tick, printing each
// signal and collection as one JSON line the moment it is recorded.
import { interval } from 'rxjs';
import { stableJson } from '../../lib/core/stable-json.js';
import { asOfOf, TIME_ARG, timeFlag } from '../cli/clock.js';
import { str, type Command, type Values } from '../cli/command.js';
import { usageError } from '../cli/errors.js';
import { writeOut } from '../cli/write-out.js';
import { commonExits, workspaceFlags } from './flags.js';
import { runCollectPass } from '../../lib/harness/collect-run.js';
import { watchCollect, watchDir } from './collect-watch.js';
import { workspaceOf } from './workspace.js';

const numberFlag = (v: Values, name: string): number | null => {
  const s = str(v, name);
  if (s === undefined) return null;
  const n = Number(s);
  if (!Number.isFinite(n) || n < 0) throw usageError(`--${name} must be a non-negative number: ${s}`);
  return n;
};

export const harnessCollect: Command = {
  path: ['harness', 'collect'],
  prints: 'json',
  title: 'collect finished tasks once, by the highest-priority path that fired',
  usage:
    '--root <dir> [--watch] [--fallback-after MIN] [--poll-s S] [--stop-after-collected N] [--until RFC3339]',
  summary:
    'Closeout lifecycle WORK_CLOSEOUT_STARTED → FINISH_IN_PROGRESS → DONE (DONE needs .done, .done.notified, ' +
    '.anu-notified and a terminal timer). Signals each stage advance once (next_action), and collects each ' +
    'finished task once by the highest-priority path that fired: normal_callback (.anu-notified) > ' +
    'closeout_marker_watcher (closeout markers) > fallback_safety_net (--fallback-after minutes after the fire time). ' +
    'Records go to memory/harness/collect.jsonl.',
  flags: {
    ...workspaceFlags,
    watch: {
      type: 'boolean',
      help: 'Keep watching memory/events and the timers file; print records as NDJSON.',
    },
    'fallback-after': {
      type: 'string',
      arg: 'MIN',
      help: 'Fallback safety-net delay in minutes. Default: config or 30.',
    },
    'poll-ms': {
      type: 'string',
      arg: 'MS',
      help: 'With --watch, also run a pass every MS milliseconds. Default 60000.',
    },
    'poll-s': {
      type: 'string',
      arg: 'S',
      help: 'The same in seconds (alias of --poll-ms).',
      alias: { of: 'poll-ms', scale: 1000 },
    },
    'stop-after-collected': { type: 'string', arg: 'N', help: 'With --watch, stop after N collections.' },
    until: {
      type: 'string',
      arg: TIME_ARG,
      help: 'With --watch, stop at the first pass at or after this instant.',
    },
  },
  exits: commonExits,
  async run(v, _pos, io) {
    const ws = await workspaceOf(v, io);
    const fallback = numberFlag(v, 'fallback-after') ?? ws.config.fallbackAfterMin;
    if (v['watch'] !== true) {
      const asOf = asOfOf(v, io);
      const records = await runCollectPass(ws, asOf.ms, fallback);
      await writeOut(io.stdout, stableJson({ as_of: asOf.iso, records }));
      return 0;
    }
    const until = timeFlag(v, 'until')?.ms ?? null;
    await watchCollect(
      ws,
      {
        changes: watchDir,
        ticks: interval(numberFlag(v, 'poll-ms') ?? (numberFlag(v, 'poll-s') ?? 60) * 1000),
        now: io.now,
      },
      { fallbackAfterMin: fallback, stopAfterCollected: numberFlag(v, 'stop-after-collected'), until },
      (r) => writeOut(io.stdout, stableJson(r, false)),
    );
    return 0;
  },
};
