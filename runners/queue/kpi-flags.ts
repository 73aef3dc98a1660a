// `queue kpi`'s flags, and its thresholds read as argparse's type=float / type=int read them.
import type { Flag, Values } from '../cli/command.js';
import { str } from '../cli/command.js';
import { asOfFlag } from '../cli/clock.js';
import { usageError } from '../cli/errors.js';
import type { KpiThresholds } from '../../lib/queue/kpi.js';
import { pyParseFloat, pyParseInt } from '../../lib/queue/pynum.js';
import { domainFlags } from './flags.js';

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
};

// argparse's type=float / type=int, with its message; opsfold exits 64 where argparse exits 2.
const numberFlag = (v: Values, name: string, dflt: number, kind: 'float' | 'int'): number => {
  const raw = str(v, name);
  if (raw === undefined) return dflt;
  const n = kind === 'float' ? pyParseFloat(raw) : pyParseInt(raw);
  if (n === null) throw usageError(`argument --${name}: invalid ${kind} value: '${raw}'`);
  return n;
};

export const thresholdsOf = (v: Values): KpiThresholds & { staleMinutes: number } => ({
  maxFailureRate: numberFlag(v, 'max-failure-rate', 0.2, 'float'),
  maxLatencyP95Ms: numberFlag(v, 'max-latency-p95-ms', 2000, 'int'),
  maxStaleInProgress: numberFlag(v, 'max-stale-in-progress', 0, 'int'),
  staleMinutes: numberFlag(v, 'stale-minutes', 60, 'int'),
});
