// The kpi fold against metrics_aggregate.py + ops.py for the same records (expected values as the
// reference printed them).
import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import { addRun, emptyTally, kpiLines, kpiReport, staleInProgress } from './kpi.js';
import { dbClockOf, kstString, parseKst } from './kst.js';
import { decodeRunRecord, type RunFacts } from './orch-runs.js';

// Records go through the reader's lenient decode, as the log's lines do.
const facts = (rec: unknown): RunFacts => {
  const d = decodeRunRecord(rec);
  if (E.isLeft(d)) throw new Error(d.left);
  return d.right;
};

const end = (command: string, duration: unknown, exit: unknown = 0) => ({
  event: 'run_end',
  command,
  exit_code: exit,
  duration_ms: duration,
});
const th = { maxFailureRate: 0.2, maxLatencyP95Ms: 2000, maxStaleInProgress: 0 };
const linesOf = (records: Record<string, unknown>[], retryCount: number | null = null, stale = 0) => {
  const t = emptyTally();
  for (const rec of records) addRun(t, facts(rec));
  return kpiLines({ report: kpiReport(t), retryCount, staleInProgress: stale }, th).lines;
};

describe('when the log has terminal runs', () => {
  it('prints the rate to 2 places, p95 by index int((n-1)*0.95), an exact mean as an int', () => {
    expect(linesOf([end('done', 100), end('fail', 300), end('list', 50)], 0)).toEqual([
      'kpi success_rate=50.00% latency_p95_ms=100 latency_avg_ms=150 retry_count=0 stale_in_progress=0',
      'alert failure_rate=0.5000 exceeds 0.2000',
    ]);
  });
  it('rounds the rate to 4 places first (2/3 -> 0.6667 -> 66.67%) and the mean to 2', () => {
    expect(linesOf([end('done', 1), end('done', 2), end('fail', 2)])[0]).toBe(
      'kpi success_rate=66.67% latency_p95_ms=2 latency_avg_ms=1.67 retry_count=- stale_in_progress=0',
    );
  });
  it('counts exit_code false as 0 and JSON booleans as durations 1/0, and skips fractional durations', () => {
    expect(linesOf([end('done', true, false), end('done', 2.5), end('fail', false, 1)])[0]).toBe(
      'kpi success_rate=100.00% latency_p95_ms=0 latency_avg_ms=0.5 retry_count=- stale_in_progress=0',
    );
  });
  it('ignores records that are not run_end and prints - for what has no data', () => {
    expect(linesOf([{ event: 'run_start', command: 'done' }, end('pick', 'slow')])).toEqual([
      'kpi success_rate=- latency_p95_ms=- latency_avg_ms=- retry_count=- stale_in_progress=0',
    ]);
  });
  it('alerts on p95 and stale rows above their thresholds', () => {
    expect(linesOf([end('done', 2001)], 3, 1).slice(1)).toEqual([
      'alert latency_p95_ms=2001 exceeds 2000',
      'alert stale_in_progress=1 exceeds 0',
    ]);
  });
  it('takes p95 from a histogram the same way as from the sorted list', () => {
    const durations = Array.from({ length: 101 }, (_, i) => (i * 37) % 101);
    const t = emptyTally();
    for (const d of durations) addRun(t, facts(end('list', d)));
    expect(kpiReport(t).latencyP95).toBe([...durations].sort((a, b) => a - b)[Math.trunc(100 * 0.95)]);
  });
});

describe('stale IN_PROGRESS rows', () => {
  const asOf = Date.parse('2026-02-10T03:00:00Z'); // 12:00 KST
  it('counts rows started at or before asOf minus stale minutes, in KST', () => {
    const rows = [
      { status: 'IN_PROGRESS', started_at_kst: '2026-02-10 11:00' },
      { status: 'IN_PROGRESS', started_at_kst: '2026-02-10 11:01' },
      { status: 'IN_PROGRESS', started_at_kst: '2026-2-10 9:5' },
      { status: 'IN_PROGRESS', started_at_kst: '2026-02-30 09:00' },
      { status: 'IN_PROGRESS', started_at_kst: '-' },
      { status: 'DONE', started_at_kst: '2026-02-01 00:00' },
    ];
    expect(staleInProgress(rows, asOf, 60, 9)).toBe(2);
  });
  it('parses as strptime("%Y-%m-%d %H:%M") does and formats the reference clock string', () => {
    expect(parseKst('2026-02-10  09:05', 9)).toBe(Date.parse('2026-02-10T00:05:00Z'));
    expect(parseKst('2026-02-10 24:00', 9)).toBeNull();
    expect(parseKst('2026-02-10 09:05 ', 9)).toBeNull();
    expect(kstString(Date.parse('2026-02-10T15:30:59Z'), 9)).toBe('2026-02-11 00:30');
  });
  it('gives the db paths their clock: epoch seconds, always UTC+9, and UTC+ORCH_TZ_OFFSET', () => {
    expect(dbClockOf(Date.parse('2026-02-10T15:30:59.900Z'), 0)).toEqual({
      epoch: Date.parse('2026-02-10T15:30:59Z') / 1000,
      kstFixed: '2026-02-11 00:30',
      kstConfig: '2026-02-10 15:30',
    });
  });
});
