// The text form of `cycle history`: a fixed-width per-day table, the skips by reason, the stuck tickets
// and the lock; and the view itself, folded from the snapshots, the ticket logs and the lock. Pure.
import { foldFrom } from '../core/projection.js';
import {
  historyRows,
  snapshotDaysProjection,
  stuckTickets,
  type HistoryRow,
  type NamedSnapshot,
  type StuckTicket,
} from './history.js';
import type { TicketLogs } from './selection.js';
import { formatInZone } from './zone.js';

export interface HistoryView {
  readonly asof: string;
  readonly tz: string;
  readonly stuck_after_s: number;
  readonly days: readonly HistoryRow[];
  readonly stuck: readonly StuckTicket[];
  readonly lock: {
    readonly run_id: string | null;
    /** held (fresh), stale (its run wrote a snapshot), interrupted (stale, and no snapshot: a crash). */
    readonly state: 'held' | 'stale' | 'interrupted';
    readonly snapshot_written: boolean;
  } | null;
  readonly unreadable: readonly string[];
}

const COLUMNS = [
  'day',
  'cycles',
  'processed',
  'none',
  'skipped',
  'stopped',
  'failed',
  'interrupted',
  'receipts',
  'blocked',
  'stuck',
] as const;

const table = (rows: readonly HistoryRow[]): string[] => {
  const cells = rows.map((r) => COLUMNS.map((c) => String(r[c])));
  const widths = COLUMNS.map((c, i) => Math.max(c.length, ...cells.map((row) => (row[i] ?? '').length)));
  const line = (values: readonly string[]) =>
    values
      .map((value, i) => value.padEnd(widths[i] ?? 0))
      .join('  ')
      .trimEnd();
  return [line(COLUMNS), ...cells.map(line)];
};

const byReason = (rows: readonly HistoryRow[]): string[] =>
  rows
    .filter((r) => r.skipped > 0)
    .map((r) => {
      const reasons = Object.entries(r.skipped_by_reason).sort(([a], [b]) => (a < b ? -1 : 1));
      return `  ${r.day}  ${reasons.map(([k, n]) => `${k}=${n}`).join(' ')}`;
    });

const lockLine = (lock: HistoryView['lock']): string => {
  if (lock === null) return 'lock: free';
  const who = lock.run_id ?? '(unreadable)';
  if (lock.state === 'held') return `lock: held by run ${who}`;
  if (lock.state === 'stale') return `lock: stale, left by run ${who} after its snapshot`;
  return `lock: stale, run ${who} wrote no snapshot (interrupted; the next cycle reports it)`;
};

/** Pure: the history as text, ending with a newline. */
export const renderHistory = (v: HistoryView): string => {
  const cycles = v.days.reduce((n, r) => n + r.cycles, 0);
  const out = [
    `opsfold cycle history: ${cycles} cycles over ${v.days.length} days, as of ${v.asof} (${v.tz})`,
    '',
  ];
  out.push(...(v.days.length === 0 ? ['(no snapshots, receipts or stuck tickets)'] : table(v.days)));
  const skips = byReason(v.days);
  if (skips.length > 0) out.push('', 'skipped by reason:', ...skips);
  out.push('', `stuck IN_PROGRESS (at least ${v.stuck_after_s} s): ${v.stuck.length}`);
  for (const s of v.stuck)
    out.push(`  ${s.request_id}  ${s.request_type ?? '?'}  since ${s.since}  (${s.age_s} s)`);
  out.push('', lockLine(v.lock));
  if (v.unreadable.length > 0) out.push('', `skipped as unreadable: ${v.unreadable.length}`);
  return `${out.join('\n')}\n`;
};

export interface HistoryFacts {
  readonly snapshots: readonly NamedSnapshot[];
  readonly logs: TicketLogs;
  readonly lock: HistoryView['lock'];
  /** What was skipped as unreadable (snapshots, bad log lines, logs), as named in warnings. */
  readonly unreadable: readonly string[];
  readonly asOfMs: number;
  readonly stuckAfterMs: number;
  readonly zone: string;
}

/** Pure: the history as of `asOfMs`: the snapshots by day, the receipts, the stuck tickets. */
export const historyView = (f: HistoryFacts): HistoryView => {
  const positioned = f.snapshots.map((value, i) => ({ value, position: { line: i + 1, byteOffset: 0 } }));
  const days = foldFrom(snapshotDaysProjection(f.zone), {}, positioned);
  const stuck = stuckTickets(f.logs, f.asOfMs, f.stuckAfterMs, f.zone);
  return {
    asof: formatInZone(f.asOfMs, f.zone),
    tz: f.zone,
    stuck_after_s: f.stuckAfterMs / 1000,
    days: historyRows(days, f.logs.receipts, stuck),
    stuck,
    lock: f.lock,
    unreadable: f.unreadable,
  };
};
