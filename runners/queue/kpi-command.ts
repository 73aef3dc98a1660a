// `queue kpi`: success rate, latency p95/avg and retries from orch_runs.jsonl and the SQLite queue,
// with the reference's alert thresholds; `--fail-on-alert` turns an alert into exit 2.
import type { Command } from '../cli/command.js';
import { asOfOf } from '../cli/clock.js';
import { decideKpi } from '../../lib/queue/kpi.js';
import { queueEnv } from './config.js';
import { QUEUE_NOTES } from './flags.js';
import { listRows, retriedCount } from '../../lib/queue/db-store.js';
import { withDb } from './db-open.js';
import { kpiFlags, thresholdsOf } from './kpi-flags.js';
import { tallyRunLog } from './kpi-read.js';
import { confined, given, pathArg } from './paths.js';
import { printAnswer } from './rows.js';

export const queueKpi: Command = {
  path: ['queue', 'kpi'],
  title: 'success rate, latency and retries, with alerts',
  usage:
    '[--log-path PATH] [--db-path PATH] [--max-failure-rate F] [--max-latency-p95-ms N] [--fail-on-alert] [--json]',
  summary:
    'Print `kpi success_rate=<x.xx%> latency_p95_ms=<n> latency_avg_ms=<n> retry_count=<n> ' +
    'stale_in_progress=<n>` (`-` where there is no data), then one `alert …` line per threshold exceeded. ' +
    'The log is streamed in constant memory; a torn last line is ignored, a corrupt line fails with file:line.',
  flags: kpiFlags,
  exits: {
    0: 'ok (alerts are printed but do not fail without --fail-on-alert)',
    1: 'corrupt log line, unreadable database or bad schema',
    2: 'an alert, with --fail-on-alert',
    64: 'usage error (including a threshold that is not a number)',
    75: 'the database stayed locked by a writer for 10 s',
  },
  notes: [
    'A negative threshold needs the = form: --max-stale-in-progress=-1.',
    'success_rate is round(done / (done + fail), 4) of run_end records of done/fail runs that exited 0.',
    ...QUEUE_NOTES,
  ],
  async run(v, _pos, io) {
    const env = queueEnv(io.env);
    const th = thresholdsOf(v);
    const asOf = asOfOf(v, io);
    const log = pathArg(io, given(v, 'log-path') ?? env.logPath);
    const db = pathArg(io, given(v, 'db-path') ?? given(v, 'db') ?? env.dbPath);
    const tally = await tallyRunLog(log);
    const fromDb = (await confined(db)).exists
      ? await withDb(db, 'read', (d) => ({ retryCount: retriedCount(d), rows: listRows(d) }))
      : { retryCount: null, rows: [] };
    const out = decideKpi({ tally, ...fromDb }, { ...th, tzOffset: env.tzOffset, asOfMs: asOf.ms });
    await printAnswer(io, v, out.doc, out.lines);
    return out.alerts > 0 && v['fail-on-alert'] === true ? 2 : 0;
  },
};
