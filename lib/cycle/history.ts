// `cycle history`: every snapshot and receipt folded into one row per day (in the zone) — cycles,
// processed, none, skipped (and by reason), stopped, failed, interrupted cycles reported, receipts,
// blocked receipts, tickets stuck IN_PROGRESS — plus the stuck tickets themselves. Pure.
//
// Laws: per day, cycles == processed + none + skipped + stopped + failed; the fold of snapshots is
// order-independent (days are keyed, rows sorted).
import type { Positioned, Projection } from '../core/projection.js';
import type { AnyCycleSnapshot } from './codecs-snapshot.js';
import type { ReceiptsState } from './receipts.js';
import type { RequestsState, ResultsState } from './tickets.js';
import { dayInZone, parseInZone } from './zone.js';

export interface HistoryRow {
  readonly day: string;
  readonly cycles: number;
  readonly processed: number;
  readonly none: number;
  readonly skipped: number;
  readonly stopped: number;
  readonly failed: number;
  readonly interrupted: number;
  readonly receipts: number;
  readonly blocked: number;
  readonly stuck: number;
  readonly skipped_by_reason: Readonly<Record<string, number>>;
}

export interface NamedSnapshot {
  readonly file: string;
  readonly snapshot: AnyCycleSnapshot;
}

type Days = Readonly<Record<string, HistoryRow>>;

const emptyRow = (day: string): HistoryRow => ({
  day,
  cycles: 0,
  processed: 0,
  none: 0,
  skipped: 0,
  stopped: 0,
  failed: 0,
  interrupted: 0,
  receipts: 0,
  blocked: 0,
  stuck: 0,
  skipped_by_reason: {},
});

const STAMP = /ops_run_(\d{4})(\d{2})(\d{2})_\d{6}/;

/** Pure: the day a snapshot belongs to: its asof in the zone, else its file name's date, else "unknown". */
export const snapshotDay = (s: NamedSnapshot, zone: string): string => {
  const ms = s.snapshot.asof === undefined ? null : parseInZone(s.snapshot.asof, zone);
  if (ms !== null) return dayInZone(ms, zone);
  const m = STAMP.exec(s.file);
  return m === null ? 'unknown' : `${m[1]}-${m[2]}-${m[3]}`;
};

const kindOf = (s: AnyCycleSnapshot): 'processed' | 'none' | 'skipped' | 'stopped' | 'failed' => {
  if (s.overall_status === 'STOPPED') return 'stopped';
  if (s.overall_status === 'FAILED') return 'failed';
  if (s.ticket_step.decision === 'PROCESSED') return 'processed';
  return s.ticket_step.decision === 'SKIPPED' ? 'skipped' : 'none';
};

const cut = (s: string): string => (s.length > 50 ? `${s.slice(0, 47)}...` : s);

/** Folds snapshots (in any order) into per-day cycle counts; `position.line` is unused. */
export const snapshotDaysProjection = (zone: string): Projection<Days, NamedSnapshot> => ({
  name: 'cycle-history-days',
  version: 1,
  initial: {},
  evolve: (days, e: Positioned<NamedSnapshot>) => {
    const day = snapshotDay(e.value, zone);
    const row = days[day] ?? emptyRow(day);
    const kind = kindOf(e.value.snapshot);
    const reason = cut(e.value.snapshot.ticket_step.reason);
    const byReason =
      kind === 'skipped'
        ? { ...row.skipped_by_reason, [reason]: (row.skipped_by_reason[reason] ?? 0) + 1 }
        : row.skipped_by_reason;
    const interrupted = e.value.snapshot.interrupted_cycle != null ? 1 : 0;
    return {
      ...days,
      [day]: {
        ...row,
        cycles: row.cycles + 1,
        [kind]: row[kind] + 1,
        interrupted: row.interrupted + interrupted,
        skipped_by_reason: byReason,
      },
    };
  },
});

export interface StuckTicket {
  readonly request_id: string;
  readonly request_type: string | null;
  readonly since: string;
  readonly age_s: number;
  readonly day: string;
}

/** Pure: tickets whose latest result is IN_PROGRESS since at least `stuckAfterMs` before `asOfMs`. */
export const stuckTickets = (
  logs: { readonly requests: RequestsState; readonly results: ResultsState },
  asOfMs: number,
  stuckAfterMs: number,
  zone: string,
): StuckTicket[] => {
  const { requests, results } = logs;
  return Object.entries(results.latest)
    .filter(([, r]) => r.status === 'IN_PROGRESS' && r.ms !== null && asOfMs - r.ms >= stuckAfterMs)
    .map(([id, r]) => ({
      request_id: id,
      request_type: Object.hasOwn(requests.byId, id)
        ? (requests.byId[id]?.record.request_type ?? null)
        : null,
      since: r.processed_at,
      age_s: Math.floor((asOfMs - (r.ms ?? asOfMs)) / 1000),
      day: dayInZone(r.ms ?? asOfMs, zone),
    }))
    .sort((a, b) => b.age_s - a.age_s || (a.request_id < b.request_id ? -1 : 1));
};

/** Pure: the per-day rows: snapshot days merged with receipt days and stuck tickets, sorted by day. */
export const historyRows = (
  days: Days,
  receipts: ReceiptsState,
  stuck: readonly StuckTicket[],
): HistoryRow[] => {
  const rows: Record<string, HistoryRow> = { ...days };
  for (const [day, d] of Object.entries(receipts.byDay)) {
    const row = rows[day] ?? emptyRow(day);
    rows[day] = { ...row, receipts: d.receipts, blocked: d.blocked };
  }
  for (const s of stuck) {
    const row = rows[s.day] ?? emptyRow(s.day);
    rows[s.day] = { ...row, stuck: row.stuck + 1 };
  }
  return Object.values(rows).sort((a, b) => (a.day < b.day ? -1 : a.day > b.day ? 1 : 0));
};
