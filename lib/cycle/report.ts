// The daily ops report (DAILY_OPS_REPORT_V1, `reports/ops/daily/ops_report_latest.json`) step 3
// regenerates, with the origin's rules (app/api.py generate_daily_ops_report): the period is asOf's day in
// the zone; result and receipt counts cover that day; blocked reasons are a receipt's block_reasons, else
// its acceptance.reason, cut to 50 characters, top 3.
//
// Law: fold(all) == foldFrom(fold(prefix), rest); the report is a pure function of the folds and asOf.
import type { Projection } from '../core/projection.js';
import type { DailyOpsReport } from './codecs-snapshot.js';
import { receiptTime, type TicketReceipt } from './codecs-tickets.js';
import { rawDecision } from './receipts.js';
import type { ResultsState } from './tickets.js';
import { dayInZone, parseInZone } from './zone.js';

interface Last {
  readonly request_id: string;
  readonly request_type: string | null;
  readonly at: string | null;
  readonly reason?: string;
}

export interface DayReceiptsState {
  readonly blocked: number;
  readonly reasons: Readonly<Record<string, number>>;
  readonly reasonOrder: readonly string[];
  readonly lastReal: DailyOpsReport['last_real_execution'];
  readonly artifacts: readonly string[];
  readonly lastDone: Last | null;
  readonly lastFailed: Last | null;
  readonly lastBlocked: Last | null;
  readonly hits: DailyOpsReport['safety_counters'];
}

const cut = (s: string): string => (s.length > 50 ? s.slice(0, 50) : s);

const blockReasonsOf = (r: TicketReceipt): string[] => {
  const listed = 'block_reasons' in r ? (r.block_reasons ?? []) : [];
  if (listed.length > 0) return listed;
  const acceptance = r.schema === 'EXECUTION_RECEIPT_V3' ? r.acceptance?.reason : undefined;
  return [acceptance ?? 'UNKNOWN'];
};

const typeOf = (r: TicketReceipt): string | null =>
  r.schema === 'EXECUTION_RECEIPT_V3' ? (r.request_type ?? null) : null;

const lastOf = (r: TicketReceipt, reason?: string): Last => ({
  request_id: r.request_id,
  request_type: typeOf(r),
  at: receiptTime(r),
  ...(reason === undefined ? {} : { reason }),
});

const countHits = (h: DailyOpsReport['safety_counters'], reasons: readonly string[]) => {
  const text = reasons.join(' ').toLowerCase();
  const window = text.includes('window') && /consumed|inactive|active/.test(text) ? 1 : 0;
  return {
    window_consumed_count: h.window_consumed_count + window,
    emergency_stop_hits: h.emergency_stop_hits + (text.includes('emergency') ? 1 : 0),
    allowlist_violation_hits: h.allowlist_violation_hits + (text.includes('allowlist') ? 1 : 0),
    preflight_fail_hits: h.preflight_fail_hits + (text.includes('preflight') ? 1 : 0),
  };
};

const onBlocked = (s: DayReceiptsState, r: TicketReceipt): DayReceiptsState => {
  const reasons = blockReasonsOf(r).map(cut);
  const counts = { ...s.reasons };
  const order = [...s.reasonOrder];
  for (const reason of reasons) {
    if (!Object.hasOwn(counts, reason)) order.push(reason);
    counts[reason] = (counts[reason] ?? 0) + 1;
  }
  const lastBlocked = lastOf(r, reasons[0] ?? 'UNKNOWN');
  return {
    ...s,
    blocked: s.blocked + 1,
    reasons: counts,
    reasonOrder: order,
    lastBlocked,
    hits: countHits(s.hits, reasons),
  };
};

const onReal = (s: DayReceiptsState, r: TicketReceipt): DayReceiptsState => {
  if (r.schema !== 'EXECUTION_RECEIPT_V3') return s;
  const changed = (r.outputs_proof?.targets ?? []).filter((t) => t.changed === true).map((t) => t.path);
  const artifacts = [...s.artifacts];
  for (const p of changed) if (typeof p === 'string' && !artifacts.includes(p)) artifacts.push(p);
  const lastReal = {
    request_id: r.request_id,
    request_type: r.request_type ?? null,
    exit_code: r.exit_code ?? null,
    acceptance_pass: r.acceptance?.pass ?? false,
  };
  return { ...s, lastReal, artifacts };
};

const initialDay: DayReceiptsState = {
  blocked: 0,
  reasons: {},
  reasonOrder: [],
  lastReal: null,
  artifacts: [],
  lastDone: null,
  lastFailed: null,
  lastBlocked: null,
  hits: {
    window_consumed_count: 0,
    emergency_stop_hits: 0,
    allowlist_violation_hits: 0,
    preflight_fail_hits: 0,
  },
};

/** Folds the receipts written on `period` (a day in `zone`) into what the daily report shows. */
export const dayReceiptsProjection = (
  period: string,
  zone: string,
): Projection<DayReceiptsState, TicketReceipt> => ({
  name: 'cycle-day-receipts',
  version: 1,
  initial: initialDay,
  evolve: (s, e) => {
    const r = e.value;
    const time = receiptTime(r);
    const ms = time === null ? null : parseInZone(time, zone);
    if (ms === null || dayInZone(ms, zone) !== period) return s;
    const decision = rawDecision(r);
    if (decision === 'BLOCKED') return onBlocked(s, r);
    if (decision === 'FAILED') {
      const reason = r.schema === 'EXECUTION_RECEIPT_V3' ? (r.acceptance?.reason ?? 'UNKNOWN') : 'UNKNOWN';
      return { ...s, lastFailed: lastOf(r, reason) };
    }
    if (decision !== 'EXECUTED') return s;
    const done = { ...s, lastDone: lastOf(r) };
    return r.mode === 'REAL' ? onReal(done, r) : done;
  },
});

/** Pure: the report for `period`, from the folded results and that day's receipts. */
export const buildDailyReport = (
  asof: string,
  period: string,
  results: ResultsState,
  day: DayReceiptsState,
): DailyOpsReport => {
  const counts = results.byDay[period] ?? { total: 0, done: 0, failed: 0 };
  const top = [...day.reasonOrder]
    .map((reason, i) => ({ reason, count: day.reasons[reason] ?? 0, i }))
    .sort((a, b) => b.count - a.count || a.i - b.i)
    .slice(0, 3)
    .map(({ reason, count }) => ({ reason, count }));
  return {
    schema: 'DAILY_OPS_REPORT_V1',
    asof,
    period,
    summary: { tickets_total: counts.total, done: counts.done, failed: counts.failed, blocked: day.blocked },
    blocked_reasons_top: top,
    last_real_execution: day.lastReal,
    artifacts_written: [...day.artifacts],
    last_done: day.lastDone === null ? null : { ...day.lastDone },
    last_failed:
      day.lastFailed === null ? null : { ...day.lastFailed, reason: day.lastFailed.reason ?? 'UNKNOWN' },
    last_blocked:
      day.lastBlocked === null ? null : { ...day.lastBlocked, reason: day.lastBlocked.reason ?? 'UNKNOWN' },
    safety_counters: { ...day.hits },
  };
};
