// The SQLite backend's reads and writes over any synchronous handle (`SqlDb`: lib/io's SqliteDb, over
// node:sqlite or better-sqlite3; the runner opens the file): every mutation in one IMMEDIATE transaction that reads the row,
// decides (decide.ts), updates it and inserts its queue_events row, so a concurrent writer waits and
// neither change is lost. The reference used three connections for this.
import * as E from 'fp-ts/lib/Either.js';
import { decideDb, type DbClock, type DbEffect, type QueueCommand, type Refusal } from './decide.js';
import type { DbRow } from './row.js';
import {
  columnMigrations,
  effectStatements,
  LIST_SQL,
  RETRIED_SQL,
  ROW_SQL,
  schemaStatements,
} from './schema.js';

export interface SqlStatement {
  get(...params: unknown[]): unknown;
  all(...params: unknown[]): unknown[];
  run(...params: unknown[]): unknown;
}

/** The part of a SQLite handle (lib/io's SqliteDb) the queue uses. */
export interface SqlDb {
  prepare(sql: string): SqlStatement;
  exec(sql: string): unknown;
  transaction<T>(fn: () => T): { (): T; immediate(): T };
}

/** The column names of `table`; none when it does not exist. */
export const columnsOf = (db: SqlDb, table: string): Set<string> =>
  new Set((db.prepare(`PRAGMA table_info(${table})`).all() as { name: string }[]).map((c) => c.name));

/** db_store.list_items: every row, in the reference's order. */
export const listRows = (db: SqlDb): DbRow[] => db.prepare(LIST_SQL).all() as DbRow[];

/** metrics_aggregate.aggregate_retry_count_from_db. */
export const retriedCount = (db: SqlDb): number => (db.prepare(RETRIED_SQL).get() as { n: number }).n;

/** One command as one IMMEDIATE transaction: read the row, decide, update it and record the event. */
export const mutateDb = (db: SqlDb, cmd: QueueCommand, clock: DbClock): E.Either<Refusal, DbEffect> =>
  db
    .transaction(() => {
      const decided = decideDb(db.prepare(ROW_SQL).get(cmd.id) as DbRow | undefined, cmd, clock);
      if (E.isRight(decided))
        for (const s of effectStatements(decided.right)) db.prepare(s.sql).run(...s.params);
      return decided;
    })
    .immediate();

/**
 * db_store.init_db's schema in one transaction: tables first, then the columns an older table lacks, then
 * the indexes (two of which need them). The columns it added, by name.
 */
export const migrateDb = (db: SqlDb): string[] =>
  db.transaction(() => {
    const { tables, indexes } = schemaStatements();
    for (const sql of tables) db.exec(sql);
    const missing = columnMigrations(columnsOf(db, 'queue_items'));
    for (const m of [...missing.map((x) => x.sql), ...indexes]) db.exec(m);
    return missing.map((m) => m.name);
  })();
