// The read-only answers, line for line as ops.py prints them: `status` (counts in a fixed order and the
// first IN_PROGRESS rows in queue order), `workers` (IN_PROGRESS rows grouped by owner, owners sorted)
// and `consistency-check` (QUEUE.md against queue_items, with the reference's caps on detail lines).
// Rows come from either backend; cells print as Python prints them (NULL as `None`). Pure.
import { STATUSES, type DbCell, type DbRow } from './row.js';
import { pyCompare, pyStr, pyTruthy } from './pytext.js';

/** The cells the views read; SQLite rows may hold NULL or numbers where QUEUE.md holds text. */
export type ViewRow = Pick<
  DbRow,
  'id' | 'status' | 'priority' | 'owner_session' | 'started_at_kst' | 'due_at_kst'
>;

/** Pure: ops.py `_status_summary`; `top` is TOP_IN_PROGRESS (a Python slice bound, negatives included). */
export const statusLines = (rows: readonly ViewRow[], top: number): string[] => {
  const counts = STATUSES.map((s) => `${s}=${rows.filter((r) => r.status === s).length}`);
  const active = rows.filter((r) => r.status === 'IN_PROGRESS').slice(0, top);
  if (active.length === 0) return [`summary ${counts.join(' ')}`, 'top_in_progress: none'];
  return [
    `summary ${counts.join(' ')}`,
    'top_in_progress:',
    ...active.map(
      (r) =>
        `- ${pyStr(r.id)} (${pyStr(r.priority)}) owner=${pyStr(r.owner_session)} started=${pyStr(r.started_at_kst)}`,
    ),
  ];
};

const ownerOf = (r: ViewRow): string => (pyTruthy(r.owner_session) ? pyStr(r.owner_session) : '-');

const workerLine = (owner: string, tasks: readonly ViewRow[]): string => {
  const prio = (p: string) =>
    tasks.filter((r) => (pyTruthy(r.priority) ? pyStr(r.priority) : 'P2') === p).length;
  const started = tasks.find((r) => pyTruthy(r.started_at_kst) && r.started_at_kst !== '-');
  const oldest = started === undefined ? '-' : pyStr(started.started_at_kst);
  const ids = tasks.map((r) => pyStr(r.id)).join(',');
  return `- ${owner} tasks=${tasks.length} p0=${prio('P0')} p1=${prio('P1')} p2=${prio('P2')} ids=${ids} oldest_start=${oldest}`;
};

/** Pure: ops.py `_workers_summary`. */
export const workersLines = (rows: readonly ViewRow[]): string[] => {
  const active = rows.filter((r) => r.status === 'IN_PROGRESS');
  if (active.length === 0) return ['workers: none'];
  const groups = new Map<string, ViewRow[]>();
  for (const r of active) groups.set(ownerOf(r), [...(groups.get(ownerOf(r)) ?? []), r]);
  const owners = [...groups.keys()].sort(pyCompare);
  return [
    `workers_active=${groups.size} in_progress=${active.length}`,
    ...owners.map((o) => workerLine(o, groups.get(o) ?? [])),
  ];
};

/** The caps ops.py puts on each kind of detail line. */
export const CONSISTENCY_CAPS = { missingInDb: 20, missingInMd: 20, mismatch: 30 } as const;
const COMPARED = ['status', 'priority', 'owner_session', 'started_at_kst', 'due_at_kst'] as const;

export interface Consistency {
  readonly ok: boolean;
  readonly lines: readonly string[];
}

// A dict comprehension keeps the last row of a repeated id.
const byId = (rows: readonly ViewRow[]): Map<string, ViewRow> => new Map(rows.map((r) => [pyStr(r.id), r]));
const text = (v: DbCell | undefined): string => (pyTruthy(v) ? pyStr(v) : '');

/** Pure: ops.py `cmd_consistency_check`: exit 1 (ok false) on any difference. */
export const consistencyLines = (md: readonly ViewRow[], db: readonly ViewRow[]): Consistency => {
  const m = byId(md);
  const d = byId(db);
  const missingInDb = [...m.keys()].filter((id) => !d.has(id)).sort(pyCompare);
  const missingInMd = [...d.keys()].filter((id) => !m.has(id)).sort(pyCompare);
  const both = [...m.keys()].filter((id) => d.has(id)).sort(pyCompare);
  const mismatches = both.flatMap((id) =>
    COMPARED.flatMap((f) => {
      const a = text(m.get(id)?.[f]);
      const b = text(d.get(id)?.[f]);
      return a === b ? [] : [`${id}:${f}:md=${a} db=${b}`];
    }),
  );
  if (missingInDb.length + missingInMd.length + mismatches.length === 0)
    return { ok: true, lines: [`consistency ok total=${m.size}`] };
  return {
    ok: false,
    lines: [
      `consistency mismatch missing_in_db=${missingInDb.length} missing_in_md=${missingInMd.length} field_mismatch=${mismatches.length}`,
      ...missingInDb.slice(0, CONSISTENCY_CAPS.missingInDb).map((id) => `- missing_in_db ${id}`),
      ...missingInMd.slice(0, CONSISTENCY_CAPS.missingInMd).map((id) => `- missing_in_md ${id}`),
      ...mismatches.slice(0, CONSISTENCY_CAPS.mismatch).map((x) => `- mismatch ${x}`),
    ],
  };
};
