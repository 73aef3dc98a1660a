// The SQLite backend's reads and writes: every mutation in one IMMEDIATE transaction that reads the
// row, decides (lib/queue/decide.ts), updates it and inserts its queue_events row, so a concurrent
// writer waits and neither change is lost. The reference used three connections for this. The
// statements are lib/queue/schema.ts's.
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import * as E from 'fp-ts/lib/Either.js';
import {
  decideDb,
  type DbClock,
  type DbEffect,
  type QueueCommand,
  type Refusal,
} from '../../lib/queue/decide.js';
import type { DbRow } from '../../lib/queue/row.js';
import {
  columnMigrations,
  effectStatements,
  LIST_SQL,
  RETRIED_SQL,
  ROW_SQL,
  schemaStatements,
} from '../../lib/queue/schema.js';
import { BUSY_MS, checkSchema, columnsOf, loadSqlite, sqlError, type Db } from './db-open.js';
import type { PathArg } from './paths.js';

/** db_store.list_items: every row, in the reference's order. */
export const listRows = (db: Db): DbRow[] => db.prepare(LIST_SQL).all() as DbRow[];

/** metrics_aggregate.aggregate_retry_count_from_db. */
export const retriedCount = (db: Db): number => (db.prepare(RETRIED_SQL).get() as { n: number }).n;

/** One command as one IMMEDIATE transaction: read the row, decide, update it and record the event. */
export const mutateDb = (db: Db, cmd: QueueCommand, clock: DbClock): E.Either<Refusal, DbEffect> =>
  db
    .transaction(() => {
      const decided = decideDb(db.prepare(ROW_SQL).get(cmd.id) as DbRow | undefined, cmd, clock);
      if (E.isRight(decided))
        for (const s of effectStatements(decided.right)) db.prepare(s.sql).run(...s.params);
      return decided;
    })
    .immediate();

// Tables first, then the columns an older table lacks, then the indexes (two of which need them).
const migrate = (db: Db): string[] => {
  const { tables, indexes } = schemaStatements();
  for (const sql of tables) db.exec(sql);
  const missing = columnMigrations(columnsOf(db, 'queue_items'));
  for (const m of [...missing.map((x) => x.sql), ...indexes]) db.exec(m);
  return missing.map((m) => m.name);
};

/** db_store.init_db: the reference schema (idempotent) plus its column migrations; WAL from then on. */
export const initDb = (p: PathArg): { added: string[] } => {
  mkdirSync(dirname(p.file), { recursive: true });
  let db: Db | undefined;
  try {
    db = new (loadSqlite())(p.file, { timeout: BUSY_MS });
    db.pragma('journal_mode = WAL');
    const init = db;
    const added = init.transaction(() => migrate(init))();
    checkSchema(init, p);
    return { added };
  } catch (err) {
    throw sqlError(p, err);
  } finally {
    db?.close();
  }
};
