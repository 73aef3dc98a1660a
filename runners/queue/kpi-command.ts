// `queue kpi`: success rate, latency p95/avg and retries from orch_runs.jsonl and the SQLite queue,
// with the reference's alert thresholds; `--fail-on-alert` turns an alert into exit 2.
import { existsSync } from 'node:fs';
import type { Command, Values } from '../cli/command.js';
import { str } from '../cli/command.js';
import { asOfFlag, asOfOf } from '../cli/clock.js';
import { usageError } from '../cli/errors.js';
import { kpiLines, kpiReport, staleInProgress, type KpiThresholds } from '../../lib/queue/kpi.js';
import { pyParseFloat, pyParseInt } from '../../lib/queue/pynum.js';
import { given, pathArg, queueEnv } from './config.js';
import { domainFlags, QUEUE_NOTES } from './flags.js';
import { listRows, retriedCount, withDb } from './db-store.js';
import { tallyRunLog } from './kpi-read.js';
import { printLines } from './rows.js';

// argparse's type=float / type=int, with its message; opsfold exits 64 where argparse exits 2.
const numberFlag = (v: Values, name: string, dflt: number, kind: 'float' | 'int'): number => {
  const raw = str(v, name);
  if (raw === undefined) return dflt;
  const n = kind === 'float' ? pyParseFloat(raw) : pyParseInt(raw);
  if (n === null) throw usageError(`argument --${name}: invalid ${kind} value: '${raw}'`);
  return n;
};

const thresholdsOf = (v: Values): KpiThresholds & { staleMinutes: number } => ({
  maxFailureRate: numberFlag(v, 'max-failure-rate', 0.2, 'float'),
  maxLatencyP95Ms: numberFlag(v, 'max-latency-p95-ms', 2000, 'int'),
  maxStaleInProgress: numberFlag(v, 'max-stale-in-progress', 0, 'int'),
  staleMinutes: numberFlag(v, 'stale-minutes', 60, 'int'),
});

export const queueKpi: Command = {
  path: ['queue', 'kpi'],
  title: 'success rate, latency and retries, with alerts',
  usage:
    '[--log-path PATH] [--db-path PATH] [--max-failure-rate F] [--max-latency-p95-ms N] [--fail-on-alert]',
  summary:
    'Print `kpi success_rate=<x.xx%> latency_p95_ms=<n> latency_avg_ms=<n> retry_count=<n> ' +
    'stale_in_progress=<n>` (`-` where there is no data), then one `alert …` line per threshold exceeded. ' +
    'The log is streamed in constant memory; a torn last line is ignored, a corrupt line fails with file:line.',
  flags: {
    ...domainFlags,
    'log-path': {
      type: 'string',
      arg: 'PATH',
      help: 'orch_runs.jsonl (default: ORCH_LOG_PATH or automation/orchestrator/logs/orch_runs.jsonl).',
    },
    'db-path': {
      type: 'string',
      arg: 'PATH',
      help: 'SQLite queue for retries and stale rows (default: --db, else ORCH_DB_PATH or automation/orchestrator/db/queue.db).',
    },
    'max-failure-rate': { type: 'string', arg: 'F', help: 'Alert above this failure rate (default 0.2).' },
    'max-latency-p95-ms': { type: 'string', arg: 'N', help: 'Alert above this p95 latency (default 2000).' },
    'max-stale-in-progress': {
      type: 'string',
      arg: 'N',
      help: 'Alert above this many stale IN_PROGRESS rows (default 0).',
    },
    'stale-minutes': { type: 'string', arg: 'N', help: 'IN_PROGRESS for this long is stale (default 60).' },
    'fail-on-alert': { type: 'boolean', help: 'Exit 2 when any alert is printed.' },
    'as-of': asOfFlag,
  },
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
    const report = kpiReport(await tallyRunLog(log));
    const fromDb = existsSync(db.file)
      ? withDb(db, 'read', (d) => ({ retries: retriedCount(d), rows: listRows(d) }))
      : { retries: null, rows: [] };
    const stale = staleInProgress(fromDb.rows, asOf.ms, th.staleMinutes, env.tzOffset);
    const out = kpiLines({ report, retryCount: fromDb.retries, staleInProgress: stale }, th);
    await printLines(io, out.lines);
    return out.alerts > 0 && v['fail-on-alert'] === true ? 2 : 0;
  },
};
