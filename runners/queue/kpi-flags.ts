// `queue kpi`'s flags, and its thresholds read as argparse reads them (lib/queue/kpi-args.ts).
import * as E from 'fp-ts/lib/Either.js';
import type { Flag, Values } from '../cli/command.js';
import { str } from '../cli/command.js';
import { asOfFlag } from '../cli/clock.js';
import { usageError } from '../cli/errors.js';
import { kpiArgsOf, type KpiArgs } from '../../lib/queue/kpi-args.js';
import { domainFlags, jsonFlag } from './flags.js';

export const kpiFlags: Readonly<Record<string, Flag>> = {
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
  json: jsonFlag,
};

// A threshold that is not a number exits 64 where argparse exits 2.
export const thresholdsOf = (v: Values): KpiArgs => {
  const got = kpiArgsOf((name) => str(v, name));
  if (E.isLeft(got)) throw usageError(got.left);
  return got.right;
};
