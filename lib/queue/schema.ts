// The reference's automation/orchestrator/db/schema.sql, which `queue init-db` applies, and the columns
// db_store._ensure_schema_migrations adds to databases created before they existed. opsfold must open
// and write the same database as the reference, so the DDL is the reference's, statement for statement.
// The statements a migration runs and a mutation writes are built here; the runner executes them.
import { pyJsonDumps } from './pyjson.js';
import type { DbEffect } from './decide.js';
import { DB_FIELDS, EVENT_FIELDS, type DbRow } from './row.js';

export const SCHEMA_SQL = `PRAGMA foreign_keys = ON;

CREATE TABLE IF NOT EXISTS queue_items (
  id TEXT PRIMARY KEY,
  status TEXT NOT NULL,
  priority TEXT NOT NULL,
  task TEXT NOT NULL,
  success_criteria TEXT NOT NULL,
  owner_session TEXT NOT NULL DEFAULT '-',
  started_at_kst TEXT NOT NULL DEFAULT '-',
  due_at_kst TEXT NOT NULL DEFAULT '-',
  notes TEXT NOT NULL DEFAULT '',
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  lease_owner TEXT,
  lease_expires_at INTEGER,
  attempt_count INTEGER NOT NULL DEFAULT 0,
  max_attempts INTEGER NOT NULL DEFAULT 3,
  idempotency_key TEXT,
  last_error TEXT NOT NULL DEFAULT ''
);

CREATE TABLE IF NOT EXISTS queue_events (
  event_id INTEGER PRIMARY KEY AUTOINCREMENT,
  item_id TEXT NOT NULL,
  event_type TEXT NOT NULL,
  payload_json TEXT NOT NULL,
  created_at TEXT NOT NULL,
  FOREIGN KEY (item_id) REFERENCES queue_items(id) ON DELETE CASCADE
);

CREATE INDEX IF NOT EXISTS idx_queue_items_status_priority
  ON queue_items(status, priority);

CREATE INDEX IF NOT EXISTS idx_queue_items_updated_at
  ON queue_items(updated_at);

CREATE INDEX IF NOT EXISTS idx_queue_items_lease
  ON queue_items(lease_expires_at);

CREATE INDEX IF NOT EXISTS idx_queue_items_idempotency
  ON queue_items(idempotency_key);`;

/** Columns added to an older queue_items, with their DDL (db_store._ensure_schema_migrations). */
export const MIGRATED_COLUMNS: readonly (readonly [string, string])[] = [
  ['lease_owner', 'TEXT'],
  ['lease_expires_at', 'INTEGER'],
  ['attempt_count', 'INTEGER NOT NULL DEFAULT 0'],
  ['max_attempts', 'INTEGER NOT NULL DEFAULT 3'],
  ['idempotency_key', 'TEXT'],
  ['last_error', "TEXT NOT NULL DEFAULT ''"],
];

/** db_store.list_items: priority P0, P1, P2, then the rest, and created_at within a priority. */
export const LIST_SQL =
  "SELECT * FROM queue_items ORDER BY CASE priority WHEN 'P0' THEN 0 WHEN 'P1' THEN 1 WHEN 'P2' THEN 2 ELSE 99 END, created_at ASC";

/** metrics_aggregate.aggregate_retry_count_from_db. */
export const RETRIED_SQL = "SELECT COUNT(*) AS n FROM queue_events WHERE event_type = 'retried'";

export const ROW_SQL = 'SELECT * FROM queue_items WHERE id = ?';

/** The reference schema's statements: tables first, indexes last (two of them need migrated columns). */
export const schemaStatements = (): { readonly tables: string[]; readonly indexes: string[] } => {
  const all = SCHEMA_SQL.split(';')
    .map((x) => x.trim())
    .filter((x) => x !== '');
  return {
    tables: all.filter((x) => !x.startsWith('CREATE INDEX')),
    indexes: all.filter((x) => x.startsWith('CREATE INDEX')),
  };
};

/** The columns an older queue_items (with columns `have`) lacks, each with the ALTER TABLE adding it. */
export const columnMigrations = (
  have: ReadonlySet<string>,
): { readonly name: string; readonly sql: string }[] =>
  MIGRATED_COLUMNS.filter(([name]) => !have.has(name)).map(([name, ddl]) => ({
    name,
    sql: `ALTER TABLE queue_items ADD COLUMN ${name} ${ddl}`,
  }));

/** The first table or column of the reference schema a database lacks (`columnsOf` a table: none when missing). */
export const schemaGap = (columnsOf: (table: string) => ReadonlySet<string>): string | null => {
  const tables: readonly (readonly [string, readonly string[]])[] = [
    ['queue_items', DB_FIELDS],
    ['queue_events', EVENT_FIELDS],
  ];
  for (const [table, fields] of tables) {
    const have = columnsOf(table);
    if (have.size === 0) return `missing table ${table}`;
    const missing = fields.find((f) => !have.has(f));
    if (missing !== undefined) return `table ${table} has no column ${missing}`;
  }
  return null;
};

export interface Statement {
  readonly sql: string;
  readonly params: readonly unknown[];
}

/** What a decided mutation writes: the row's update (schema columns only), then its queue_events row. */
export const effectStatements = (e: DbEffect): readonly [update: Statement, event: Statement] => {
  const cols = Object.keys(e.set).filter((c) => (DB_FIELDS as readonly string[]).includes(c));
  return [
    {
      sql: `UPDATE queue_items SET ${cols.map((c) => `${c} = ?`).join(', ')} WHERE id = ?`,
      params: [...cols.map((c) => e.set[c as keyof DbRow] ?? null), e.id],
    },
    {
      sql: 'INSERT INTO queue_events(item_id, event_type, payload_json, created_at) VALUES(?, ?, ?, ?)',
      params: [e.id, e.event.type, pyJsonDumps(e.event.payload), e.createdAt],
    },
  ];
};
