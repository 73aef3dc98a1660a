// The documents `queue status|workers|consistency-check|kpi --json` print (views.ts, kpi.ts), as codecs
// for contracts/. Cells come as stored: SQLite rows may hold NULL or numbers where QUEUE.md holds text.
import * as t from 'io-ts';

const cell = t.union([t.string, t.number, t.null]);
const count = t.number;

export const QueueStatusDoc = t.type(
  {
    summary: t.type({ PENDING: count, IN_PROGRESS: count, BLOCKED: count, FAILED: count, DONE: count }),
    top_in_progress: t.array(t.type({ id: cell, priority: cell, owner_session: cell, started_at_kst: cell })),
  },
  'QueueStatusDoc',
);

export const QueueWorkersDoc = t.type(
  {
    workers_active: count,
    in_progress: count,
    workers: t.array(
      t.type({
        owner: t.string,
        tasks: count,
        p0: count,
        p1: count,
        p2: count,
        ids: t.array(t.string),
        oldest_start: t.union([t.string, t.null]),
      }),
    ),
  },
  'QueueWorkersDoc',
);

export const QueueConsistencyDoc = t.type(
  {
    ok: t.boolean,
    total: count,
    missing_in_db: t.array(t.string),
    missing_in_md: t.array(t.string),
    field_mismatch: t.array(t.type({ id: t.string, field: t.string, md: t.string, db: t.string })),
  },
  'QueueConsistencyDoc',
);

const orNull = t.union([t.number, t.null]);
export const QueueKpiDoc = t.type(
  {
    success_rate: orNull,
    latency_p95_ms: orNull,
    latency_avg_ms: orNull,
    retry_count: orNull,
    stale_in_progress: count,
    alerts: t.array(t.string),
  },
  'QueueKpiDoc',
);
