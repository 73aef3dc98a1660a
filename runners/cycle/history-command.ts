// opsfold cycle history: all snapshots and the ticket logs of a root folded into one row per day, the
// tickets stuck IN_PROGRESS, and the state of the runner lock (a stale lock whose run wrote no snapshot is
// a crash not yet recovered by a cycle).
import { promises as fsp } from 'node:fs';
import { join, resolve } from 'node:path';
import * as E from 'fp-ts/lib/Either.js';
import { decode } from '../../lib/core/codec.js';
import { foldFrom } from '../../lib/core/projection.js';
import { stableJson } from '../../lib/core/stable-json.js';
import { AnyCycleSnapshot } from '../../lib/cycle/codecs-snapshot.js';
import {
  historyRows,
  snapshotDaysProjection,
  stuckTickets,
  type NamedSnapshot,
} from '../../lib/cycle/history.js';
import { readLock } from '../../lib/cycle/lock-rules.js';
import { formatInZone } from '../../lib/cycle/zone.js';
import { required, type Command } from '../cli/command.js';
import { EXIT } from '../cli/errors.js';
import { writeOut } from '../cli/write-out.js';
import { asOfMsOf, clockFlags, secondsFlag, zoneOf } from './clock-flags.js';
import { readDoc } from './docs.js';
import { badLineText } from '../../lib/cycle/log-problems.js';
import { cyclePaths, SHOWN } from './paths.js';
import { hasSnapshotOfRun, snapshotNames } from './snapshot-file.js';
import { readTicketLogs } from './ticket-logs.js';
import { renderHistory, type HistoryView } from './history-text.js';

const readSnapshots = async (dir: string): Promise<{ ok: NamedSnapshot[]; bad: string[] }> => {
  const ok: NamedSnapshot[] = [];
  const bad: string[] = [];
  for (const file of await snapshotNames(dir)) {
    const doc = await readDoc(join(dir, file));
    const decoded = doc.kind === 'json' ? decode(AnyCycleSnapshot, doc.value) : null;
    if (decoded !== null && E.isRight(decoded)) ok.push({ file, snapshot: decoded.right });
    else bad.push(`${SHOWN.snapshots}/${file}: ${decoded === null ? 'not JSON' : decoded.left.message}`);
  }
  return { ok, bad };
};

const lockState = async (root: string, asOfMs: number, zone: string): Promise<HistoryView['lock']> => {
  const p = cyclePaths(root);
  const doc = await readDoc(p.lock);
  if (doc.kind === 'missing') return null;
  const reading = readLock(doc.kind === 'json' ? doc.value : null, asOfMs, zone);
  if (reading.kind === 'held') return { run_id: reading.lock.run_id, state: 'held', snapshot_written: false };
  const runId = reading.lock?.run_id ?? null;
  const written = runId !== null && (await hasSnapshotOfRun(p.snapshots, runId, null));
  return { run_id: runId, state: written ? 'stale' : 'interrupted', snapshot_written: written };
};

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
    const snaps = await readSnapshots(cyclePaths(root).snapshots);
    const read = await readTicketLogs(cyclePaths(root), zone);
    const days = foldFrom(
      snapshotDaysProjection(zone),
      {},
      snaps.ok.map((value, i) => ({ value, position: { line: i + 1, byteOffset: 0 } })),
    );
    const stuck = stuckTickets(read.logs, asOfMs, stuckAfterMs, zone);
    const view: HistoryView = {
      asof: formatInZone(asOfMs, zone),
      tz: zone,
      stuck_after_s: stuckAfterMs / 1000,
      days: historyRows(days, read.logs.receipts, stuck),
      stuck,
      lock: await lockState(root, asOfMs, zone),
      unreadable: [...snaps.bad, ...read.bad.map(badLineText), ...read.unreadable],
    };
    for (const u of view.unreadable) io.stderr.write(`warning: skipped ${u}\n`);
    await writeOut(io.stdout, v['json'] === true ? stableJson(view) : renderHistory(view));
    return EXIT.ok;
  },
};
