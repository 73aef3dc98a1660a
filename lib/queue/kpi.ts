// `queue kpi` as metrics_aggregate.py and ops.py compute it, folded one orch_runs.jsonl record at a
// time so the log is never held in memory: run_end records are counted; `done`/`fail` runs that exited
// 0 give the success rate; integer `duration_ms` values (JSON true/false count as 1/0, as Python's
// isinstance(x, int) says) go into a histogram, which gives the exact p95 the reference takes from the
// sorted list (index int((n - 1) * 0.95)) and the mean. Numbers print as Python prints them; where the
// reference prints `None` (no data), opsfold prints `-`. Pure.
import { pyFixed, pyMeanText, pyRound } from './pynum.js';
import { parseKst } from './kst.js';
import type { RunFacts } from './orch-runs.js';
import type { DbRow } from './row.js';

/** What the fold keeps: counts, the sum and a histogram of durations (memory grows with distinct values only). */
export interface KpiTally {
  runEnd: number;
  success: number;
  failed: number;
  durations: number;
  sum: number;
  readonly histogram: Map<number, number>;
}

/** Pure: an empty tally. */
export const emptyTally = (): KpiTally => ({
  runEnd: 0,
  success: 0,
  failed: 0,
  durations: 0,
  sum: 0,
  histogram: new Map(),
});

/** Adds one record to the tally in place (the fold's step; records other than run_end are ignored). */
export const addRun = (t: KpiTally, rec: RunFacts): void => {
  if (rec.event !== 'run_end') return;
  t.runEnd += 1;
  const { command } = rec;
  if ((command === 'done' || command === 'fail') && rec.exitedZero) {
    if (command === 'done') t.success += 1;
    else t.failed += 1;
  }
  const d = rec.durationMs;
  if (d === null) return;
  t.durations += 1;
  t.sum += d;
  t.histogram.set(d, (t.histogram.get(d) ?? 0) + 1);
};

/** The k-th smallest duration (0-based) of the histogram. */
const kth = (histogram: ReadonlyMap<number, number>, k: number): number => {
  let seen = 0;
  const keys = [...histogram.keys()].sort((a, b) => a - b);
  for (const key of keys) {
    seen += histogram.get(key) ?? 0;
    if (seen > k) return key;
  }
  return keys[keys.length - 1] ?? 0;
};

export interface KpiReport {
  /** round(success / terminal, 4), or null without terminal runs. */
  readonly successRate: number | null;
  readonly latencyP95: number | null;
  /** The mean as the reference prints it (an int when exact, else repr(round(mean, 2))). */
  readonly latencyAvgText: string | null;
  readonly runEnd: number;
}

/** Pure: metrics_aggregate.aggregate_from_logs over the folded tally. */
export const kpiReport = (t: KpiTally): KpiReport => {
  const terminal = t.success + t.failed;
  const n = t.durations;
  return {
    successRate: terminal === 0 ? null : pyRound(t.success / terminal, 4),
    latencyP95: n === 0 ? null : kth(t.histogram, Math.trunc((n - 1) * 0.95)),
    latencyAvgText: n === 0 ? null : pyMeanText(t.sum, n),
    runEnd: t.runEnd,
  };
};

export interface KpiThresholds {
  readonly maxFailureRate: number;
  readonly maxLatencyP95Ms: number;
  readonly maxStaleInProgress: number;
}

export interface KpiInput {
  readonly report: KpiReport;
  /** COUNT of `retried` queue_events, or null without a database. */
  readonly retryCount: number | null;
  readonly staleInProgress: number;
}

/** `queue kpi --json`: the numbers of the `kpi` line (null where it prints `-`) and the alerts. */
export interface KpiDoc {
  readonly success_rate: number | null;
  readonly latency_p95_ms: number | null;
  readonly latency_avg_ms: number | null;
  readonly retry_count: number | null;
  readonly stale_in_progress: number;
  readonly alerts: readonly string[];
}

/** What `queue kpi` prints: its lines, how many alerts they hold, and the same as a document. */
export interface KpiOut {
  readonly lines: string[];
  readonly alerts: number;
  readonly doc: KpiDoc;
}

/** Pure: the `kpi …` line and the `alert …` lines of ops.py `cmd_kpi`. */
export const kpiLines = (k: KpiInput, th: KpiThresholds): KpiOut => {
  const { successRate, latencyP95, latencyAvgText } = k.report;
  const rate = successRate === null ? '-' : `${pyFixed(successRate * 100, 2)}%`;
  const head =
    `kpi success_rate=${rate} latency_p95_ms=${latencyP95 ?? '-'} latency_avg_ms=${latencyAvgText ?? '-'} ` +
    `retry_count=${k.retryCount ?? '-'} stale_in_progress=${k.staleInProgress}`;
  const alerts: string[] = [];
  if (successRate !== null && 1 - successRate > th.maxFailureRate)
    alerts.push(`failure_rate=${pyFixed(1 - successRate, 4)} exceeds ${pyFixed(th.maxFailureRate, 4)}`);
  if (latencyP95 !== null && latencyP95 > th.maxLatencyP95Ms)
    alerts.push(`latency_p95_ms=${latencyP95} exceeds ${th.maxLatencyP95Ms}`);
  if (k.staleInProgress > th.maxStaleInProgress)
    alerts.push(`stale_in_progress=${k.staleInProgress} exceeds ${th.maxStaleInProgress}`);
  const doc: KpiDoc = {
    success_rate: successRate,
    latency_p95_ms: latencyP95,
    latency_avg_ms: latencyAvgText === null ? null : Number(latencyAvgText),
    retry_count: k.retryCount,
    stale_in_progress: k.staleInProgress,
    alerts,
  };
  return { lines: [head, ...alerts.map((a) => `alert ${a}`)], alerts: alerts.length, doc };
};

/** Pure: ops.py `_count_stale_in_progress`: IN_PROGRESS rows started at or before asOf - staleMinutes. */
export const staleInProgress = (
  rows: readonly Pick<DbRow, 'status' | 'started_at_kst'>[],
  asOfMs: number,
  staleMinutes: number,
  offsetHours: number,
): number => {
  const cutoff = asOfMs - staleMinutes * 60_000;
  return rows.filter((r) => {
    if (r.status !== 'IN_PROGRESS' || typeof r.started_at_kst !== 'string') return false;
    const started = parseKst(r.started_at_kst, offsetHours);
    return started !== null && started <= cutoff;
  }).length;
};

/** What `queue kpi` gathered: the folded log, and the database's retries and rows (null, none without one). */
export interface KpiGathered {
  readonly tally: KpiTally;
  readonly retryCount: number | null;
  readonly rows: readonly Pick<DbRow, 'status' | 'started_at_kst'>[];
}

export interface KpiSettings extends KpiThresholds {
  readonly staleMinutes: number;
  readonly tzOffset: number;
  readonly asOfMs: number;
}

/** Pure: ops.py `cmd_kpi`: the lines to print and how many alerts they hold. */
export const decideKpi = (g: KpiGathered, s: KpiSettings): KpiOut =>
  kpiLines(
    {
      report: kpiReport(g.tally),
      retryCount: g.retryCount,
      staleInProgress: staleInProgress(g.rows, s.asOfMs, s.staleMinutes, s.tzOffset),
    },
    s,
  );
