// The queue row model shared by both backends: the nine QUEUE.md columns in table order, and the SQLite
// row of the reference's `queue_items` table (those nine plus bookkeeping, lease and retry columns).
// SQLite cells are kept as read (a NULL stays null) so printing them matches the reference. Pure.
import * as t from 'io-ts';
import { nullable } from '../core/codec.js';

/** The QUEUE.md columns, in table order. */
export const ROW_FIELDS = [
  'id',
  'status',
  'priority',
  'task',
  'success_criteria',
  'owner_session',
  'started_at_kst',
  'due_at_kst',
  'notes',
] as const;
export type RowField = (typeof ROW_FIELDS)[number];

/** The statuses the summary counts, in the order it prints them. */
export const STATUSES = ['PENDING', 'IN_PROGRESS', 'BLOCKED', 'FAILED', 'DONE'] as const;

/** The table header prefix the reference looks for (the rest of the header line is not read). */
export const HEADER_PREFIX = '| id | status | priority | task |';

const rowProps = Object.fromEntries(ROW_FIELDS.map((f) => [f, t.string])) as Record<RowField, t.StringC>;

/** One QUEUE.md row: nine cells, stripped of surrounding whitespace. */
export const QueueRowCodec = t.type(rowProps, 'QueueRow');
export type QueueRow = t.TypeOf<typeof QueueRowCodec>;

/** Some cells of a row: what a mutation changed (audit `from` / `to`). */
export const RowPatchCodec = t.partial(rowProps, 'QueueRowPatch');
export type RowPatch = t.TypeOf<typeof RowPatchCodec>;

/** The `queue_items` columns of the reference's db/schema.sql, in schema order. */
export const DB_FIELDS = [
  ...ROW_FIELDS,
  'created_at',
  'updated_at',
  'lease_owner',
  'lease_expires_at',
  'attempt_count',
  'max_attempts',
  'idempotency_key',
  'last_error',
] as const;
export type DbField = (typeof DB_FIELDS)[number];

/** The `queue_events` columns of the reference's db/schema.sql. */
export const EVENT_FIELDS = ['event_id', 'item_id', 'event_type', 'payload_json', 'created_at'] as const;

const cell = t.union([t.string, t.number, t.null]);

/** One `queue_items` row as SQLite returns it (TEXT and INTEGER cells; NULL where the schema allows). */
export const DbRowCodec = t.type(
  {
    ...(Object.fromEntries(ROW_FIELDS.map((f) => [f, cell])) as Record<RowField, typeof cell>),
    created_at: cell,
    updated_at: cell,
    lease_owner: nullable(t.string),
    lease_expires_at: nullable(t.number),
    attempt_count: cell,
    max_attempts: cell,
    idempotency_key: nullable(t.string),
    last_error: cell,
  },
  'QueueDbRow',
);
export type DbRow = t.TypeOf<typeof DbRowCodec>;
export type DbCell = string | number | null;

/** One `queue_events` row. `payload_json` is Python's `json.dumps(payload, sort_keys=True)`. */
export const DbEventCodec = t.type(
  {
    event_id: t.number,
    item_id: t.string,
    event_type: t.string,
    payload_json: t.string,
    created_at: t.string,
  },
  'QueueDbEvent',
);
export type DbEvent = t.TypeOf<typeof DbEventCodec>;
