// opsfold cycle history: all snapshots and the ticket logs of a root folded into one row per day, the
// tickets stuck IN_PROGRESS, and the state of the runner lock (a stale lock whose run wrote no snapshot is
// a crash not yet recovered by a cycle).
import { promises as fsp } from 'node:fs';
import { resolve } from 'node:path';
import { stableJson } from '../../lib/core/stable-json.js';
import { gatherHistory } from '../../lib/cycle/history-gather.js';
import { renderHistory } from '../../lib/cycle/history-text.js';
import { required, type Command } from '../cli/command.js';
import { EXIT } from '../cli/errors.js';
import { writeOut } from '../cli/write-out.js';
import { asOfMsOf, clockFlags, secondsFlag, zoneOf } from './clock-flags.js';
import { historyPorts } from './run-cycle.js';

export const cycleHistory: Command = {
  path: ['cycle', 'history'],
  title: 'fold every ops-cycle snapshot and receipt into a per-day table',
  usage: '--root <dir> [--stuck-after S] [--json] [--as-of RFC3339] [--tz ZONE]',
  summary:
    'Per day (in --tz): cycles, processed, none, skipped (and by reason), stopped, failed, interrupted cycles ' +
    'reported, receipts, BLOCKED receipts and tickets stuck IN_PROGRESS; then the stuck tickets and the lock.',
  flags: {
    root: { type: 'string', arg: 'dir', help: 'The repository root (holds state/ and reports/).' },
    'stuck-after': {
      type: 'string',
      arg: 'S',
      help: 'An IN_PROGRESS ticket this many seconds old at asOf is stuck. Default 86400.',
    },
    json: { type: 'boolean', help: 'Print the history as JSON instead of the table.' },
    ...clockFlags,
  },
  exits: { 0: 'history printed', 1: 'root not found', 64: 'usage error' },
  async run(v, _pos, io) {
    const zone = zoneOf(v, io);
    const asOfMs = asOfMsOf(v, io, zone);
    const root = resolve(io.cwd, required(v, 'root'));
    const stuckAfterMs = secondsFlag(v, 'stuck-after', 86_400);
    if ((await fsp.stat(root).catch(() => null))?.isDirectory() !== true) {
      io.stderr.write(`error: root not found: ${root}\n`);
      return EXIT.error;
    }
    const view = await gatherHistory(historyPorts(root), { asOfMs, stuckAfterMs, zone });
    for (const u of view.unreadable) io.stderr.write(`warning: skipped ${u}\n`);
    await writeOut(io.stdout, v['json'] === true ? stableJson(view) : renderHistory(view));
    return EXIT.ok;
  },
};
