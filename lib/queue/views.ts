// The read-only answers, line for line as ops.py prints them: `status` (counts in a fixed order and the
// first IN_PROGRESS rows in queue order), `workers` (IN_PROGRESS rows grouped by owner, owners sorted)
// and `consistency-check` (QUEUE.md against queue_items, with the reference's caps on detail lines).
// Each is first a document (what `--json` prints), then the reference's lines rendered from it.
// Rows come from either backend; cells print as Python prints them (NULL as `None`). Pure.
import { STATUSES, type DbCell, type DbRow } from './row.js';
import { pyCompare, pyStr, pyTruthy } from './pytext.js';

/** The cells the views read; SQLite rows may hold NULL or numbers where QUEUE.md holds text. */
export type ViewRow = Pick<
  DbRow,
  'id' | 'status' | 'priority' | 'owner_session' | 'started_at_kst' | 'due_at_kst'
>;

/** `queue status --json`: the counts by status and the first IN_PROGRESS rows, cells as stored. */
export interface StatusDoc {
  readonly summary: Readonly<Record<(typeof STATUSES)[number], number>>;
  readonly top_in_progress: readonly Pick<ViewRow, 'id' | 'priority' | 'owner_session' | 'started_at_kst'>[];
}

/** Pure: ops.py `_status_summary` as data; `top` is TOP_IN_PROGRESS (a Python slice bound, negatives included). */
export const statusDoc = (rows: readonly ViewRow[], top: number): StatusDoc => ({
  summary: Object.fromEntries(
    STATUSES.map((s) => [s, rows.filter((r) => r.status === s).length]),
  ) as StatusDoc['summary'],
  top_in_progress: rows
    .filter((r) => r.status === 'IN_PROGRESS')
    .slice(0, top)
    .map(({ id, priority, owner_session, started_at_kst }) => ({
      id,
      priority,
      owner_session,
      started_at_kst,
    })),
});

/** Pure: ops.py `_status_summary`'s lines. */
export const statusLines = (rows: readonly ViewRow[], top: number): string[] => {
  const doc = statusDoc(rows, top);
  const counts = `summary ${STATUSES.map((s) => `${s}=${doc.summary[s]}`).join(' ')}`;
  if (doc.top_in_progress.length === 0) return [counts, 'top_in_progress: none'];
  return [
    counts,
    'top_in_progress:',
    ...doc.top_in_progress.map(
      (r) =>
        `- ${pyStr(r.id)} (${pyStr(r.priority)}) owner=${pyStr(r.owner_session)} started=${pyStr(r.started_at_kst)}`,
    ),
  ];
};

const ownerOf = (r: ViewRow): string => (pyTruthy(r.owner_session) ? pyStr(r.owner_session) : '-');

/** One owner's IN_PROGRESS rows in `queue workers --json`. */
export interface WorkerDoc {
  readonly owner: string;
  readonly tasks: number;
  readonly p0: number;
  readonly p1: number;
  readonly p2: number;
  readonly ids: readonly string[];
  /** The first set start among the owner's rows (as the reference prints it), or null. */
  readonly oldest_start: string | null;
}

/** `queue workers --json`. */
export interface WorkersDoc {
  readonly workers_active: number;
  readonly in_progress: number;
  readonly workers: readonly WorkerDoc[];
}

const workerDoc = (owner: string, tasks: readonly ViewRow[]): WorkerDoc => {
  const prio = (p: string) =>
    tasks.filter((r) => (pyTruthy(r.priority) ? pyStr(r.priority) : 'P2') === p).length;
  const started = tasks.find((r) => pyTruthy(r.started_at_kst) && r.started_at_kst !== '-');
  return {
    owner,
    tasks: tasks.length,
    p0: prio('P0'),
    p1: prio('P1'),
    p2: prio('P2'),
    ids: tasks.map((r) => pyStr(r.id)),
    oldest_start: started === undefined ? null : pyStr(started.started_at_kst),
  };
};

/** Pure: ops.py `_workers_summary` as data: owners sorted as Python sorts them. */
export const workersDoc = (rows: readonly ViewRow[]): WorkersDoc => {
  const active = rows.filter((r) => r.status === 'IN_PROGRESS');
  const groups = new Map<string, ViewRow[]>();
  for (const r of active) groups.set(ownerOf(r), [...(groups.get(ownerOf(r)) ?? []), r]);
  const owners = [...groups.keys()].sort(pyCompare);
  return {
    workers_active: groups.size,
    in_progress: active.length,
    workers: owners.map((o) => workerDoc(o, groups.get(o) ?? [])),
  };
};

/** Pure: ops.py `_workers_summary`'s lines. */
export const workersLines = (rows: readonly ViewRow[]): string[] => {
  const doc = workersDoc(rows);
  if (doc.in_progress === 0) return ['workers: none'];
  return [
    `workers_active=${doc.workers_active} in_progress=${doc.in_progress}`,
    ...doc.workers.map(
      (w) =>
        `- ${w.owner} tasks=${w.tasks} p0=${w.p0} p1=${w.p1} p2=${w.p2} ids=${w.ids.join(',')} oldest_start=${w.oldest_start ?? '-'}`,
    ),
  ];
};

/** The caps ops.py puts on each kind of detail line. */
export const CONSISTENCY_CAPS = { missingInDb: 20, missingInMd: 20, mismatch: 30 } as const;
const COMPARED = ['status', 'priority', 'owner_session', 'started_at_kst', 'due_at_kst'] as const;

/** `queue consistency-check --json`: every difference (the text caps its detail lines; this does not). */
export interface ConsistencyDoc {
  readonly ok: boolean;
  /** Distinct ids in QUEUE.md. */
  readonly total: number;
  readonly missing_in_db: readonly string[];
  readonly missing_in_md: readonly string[];
  readonly field_mismatch: readonly { id: string; field: string; md: string; db: string }[];
}

export interface Consistency {
  readonly ok: boolean;
  readonly lines: readonly string[];
  readonly doc: ConsistencyDoc;
}

// A dict comprehension keeps the last row of a repeated id.
const byId = (rows: readonly ViewRow[]): Map<string, ViewRow> => new Map(rows.map((r) => [pyStr(r.id), r]));
const text = (v: DbCell | undefined): string => (pyTruthy(v) ? pyStr(v) : '');

const consistencyDoc = (md: readonly ViewRow[], db: readonly ViewRow[]): ConsistencyDoc => {
  const m = byId(md);
  const d = byId(db);
  const both = [...m.keys()].filter((id) => d.has(id)).sort(pyCompare);
  const missing_in_db = [...m.keys()].filter((id) => !d.has(id)).sort(pyCompare);
  const missing_in_md = [...d.keys()].filter((id) => !m.has(id)).sort(pyCompare);
  const field_mismatch = both.flatMap((id) =>
    COMPARED.flatMap((field) => {
      const a = text(m.get(id)?.[field]);
      const b = text(d.get(id)?.[field]);
      return a === b ? [] : [{ id, field, md: a, db: b }];
    }),
  );
  const ok = missing_in_db.length + missing_in_md.length + field_mismatch.length === 0;
  return { ok, total: m.size, missing_in_db, missing_in_md, field_mismatch };
};

/** Pure: ops.py `cmd_consistency_check`: exit 1 (ok false) on any difference. */
export const consistencyLines = (md: readonly ViewRow[], db: readonly ViewRow[]): Consistency => {
  const doc = consistencyDoc(md, db);
  if (doc.ok) return { ok: true, lines: [`consistency ok total=${doc.total}`], doc };
  const { missing_in_db: inDb, missing_in_md: inMd, field_mismatch: mismatches } = doc;
  return {
    ok: false,
    doc,
    lines: [
      `consistency mismatch missing_in_db=${inDb.length} missing_in_md=${inMd.length} field_mismatch=${mismatches.length}`,
      ...inDb.slice(0, CONSISTENCY_CAPS.missingInDb).map((id) => `- missing_in_db ${id}`),
      ...inMd.slice(0, CONSISTENCY_CAPS.missingInMd).map((id) => `- missing_in_md ${id}`),
      ...mismatches
        .slice(0, CONSISTENCY_CAPS.mismatch)
        .map((x) => `- mismatch ${x.id}:${x.field}:md=${x.md} db=${x.db}`),
    ],
  };
};
