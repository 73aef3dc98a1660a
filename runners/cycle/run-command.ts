// opsfold cycle run: one bounded ops cycle (seed 000) on an origin-layout root; prints the snapshot.
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { relative, resolve, sep } from 'node:path';
import { stableJson } from '../../lib/core/stable-json.js';
import { appendJsonl } from '../../lib/io/append.js';
import { required, str, type Command, type Io, type Values } from '../cli/command.js';
import { EXIT } from '../cli/errors.js';
import { spelledAs } from '../cli/conventions.js';
import { writeOut } from '../cli/write-out.js';
import { asOfMsOf, clockFlags, secondsFlag, zoneOf } from './clock-flags.js';
import { runCycle, type CycleDeps } from './run-cycle.js';
import { runWorkerProcess } from './worker.js';

/** How often a cycle whose worker is still running refreshes its lock's locked_at (stale after 60 s). */
export const HEARTBEAT_MS = 20_000;

/** The real effects: the command's clock and environment, random UUIDs, worker processes, appendJsonl. */
export const processDeps = (io: Io): CycleDeps => ({
  now: io.now,
  uuid: randomUUID,
  runWorker: runWorkerProcess,
  env: io.env,
  heartbeatMs: HEARTBEAT_MS,
  pid: process.pid,
  host: hostname(),
  log: (line) => void io.stderr.write(`${line}\n`),
  append: (file, records) => appendJsonl(file, records),
});

/** --worker-timeout-seconds (or its alias) in ms; a bad value is named as the user spelled it. */
const workerTimeoutOf = (c: Command, v: Values): number => {
  const shown = spelledAs(c, v, 'worker-timeout-seconds');
  return secondsFlag({ [shown]: str(v, 'worker-timeout-seconds') }, shown, 300, 0.001);
};

export const cycleRun: Command = {
  path: ['cycle', 'run'],
  prints: 'json',
  title: 'run one bounded ops cycle (at most one ticket) and write its snapshot',
  usage: '--root <dir> [--worker-cmd CMD] [--worker-timeout-seconds S] [--as-of RFC3339] [--tz ZONE]',
  summary:
    'One ops cycle V2 on a repository root: emergency stop → lock state/ops_runner.lock → regenerate ' +
    'reports/ops/daily/ops_report_latest.json → select the oldest OPEN ticket → safety gates → the worker ' +
    '(ticket JSON on stdin, OPSFOLD_EXECUTION_MODE in its environment; without --worker-cmd the built-in ' +
    'mock worker records IN_PROGRESS, an EXECUTED receipt and DONE) → counters → an OPS_CYCLE_RUN_V2 ' +
    'snapshot in reports/ops/daily/snapshots/ (never overwritten), printed on stdout.',
  flags: {
    root: {
      type: 'string',
      arg: 'dir',
      help: 'The repository root (holds state/, docs/contracts/, reports/).',
    },
    'worker-cmd': {
      type: 'string',
      arg: 'CMD',
      help:
        'Shell command run in the root for the selected ticket. Without it the built-in worker simulates ' +
        'MOCK_ONLY and DRY_RUN tickets as the origin does (a REAL ticket needs a command).',
    },
    'worker-timeout-seconds': {
      type: 'string',
      arg: 'S',
      help: 'Seconds before the worker is stopped (SIGTERM, then SIGKILL). Default 300.',
    },
    'worker-timeout': {
      type: 'string',
      arg: 'S',
      help: 'The same (alias of --worker-timeout-seconds).',
      alias: { of: 'worker-timeout-seconds' },
    },
    ...clockFlags,
  },
  exits: {
    0: 'overall_status DONE, DONE_WITH_SKIPS or STOPPED',
    1: 'overall_status FAILED, or no snapshot could be written (missing root, unwritable reports/)',
    64: 'usage error (missing --root, bad --as-of, --tz or --worker-timeout-seconds)',
  },
  notes: [
    'The worker also gets OPSFOLD_RUN_ID, OPSFOLD_ASOF, OPSFOLD_ROOT, OPSFOLD_REQUEST_ID, OPSFOLD_WINDOW_ID (REAL',
    "only) and OPSFOLD_CYCLE_PID. Success = exit 0 and the ticket's latest result DONE; receipt_ref names the receipt",
    "line it appended. Reasons are the seed's nine codes; details are in ticket_step.reason_detail.",
    'The allowlist applies whenever something is executed: under REAL, and to a worker command in any mode.',
  ],
  async run(v, _pos, io) {
    const zone = zoneOf(v, io);
    const asOfMs = asOfMsOf(v, io, zone);
    const root = resolve(io.cwd, required(v, 'root'));
    const workerTimeoutMs = workerTimeoutOf(this, v);
    const deps = processDeps(io);
    const log = deps.log;
    const result = await runCycle(
      { root, workerCmd: str(v, 'worker-cmd') ?? null, asOfMs, zone, workerTimeoutMs },
      deps,
    );
    for (const w of result.snapshot.warnings) log(`warning: ${w.code}: ${w.detail}`);
    if (result.snapshot.error !== null)
      log(`error: ${result.snapshot.error.code}: ${result.snapshot.error.message}`);
    log(`snapshot: ${relative(root, result.file).split(sep).join('/')}`);
    await writeOut(io.stdout, stableJson(result.snapshot));
    return result.snapshot.overall_status === 'FAILED' ? EXIT.error : EXIT.ok;
  },
};
