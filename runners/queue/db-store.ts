// The SQLite backend's reads and writes: every mutation in one IMMEDIATE transaction that reads the
// row, decides (lib/queue/decide.ts), updates it and inserts its queue_events row, so a concurrent
// writer waits and neither change is lost. The reference used three connections for this.
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
import { pyJsonDumps } from '../../lib/queue/pyjson.js';
import { DB_FIELDS, type DbRow } from '../../lib/queue/row.js';
import { BUSY_MS, checkSchema, columnsOf, loadSqlite, sqlError, type Db } from './db-open.js';
import { LIST_SQL, MIGRATED_COLUMNS, SCHEMA_SQL } from './schema.js';
import type { PathArg } from './paths.js';

/** db_store.list_items: every row, in the reference's order. */
export const listRows = (db: Db): DbRow[] => db.prepare(LIST_SQL).all() as DbRow[];

/** metrics_aggregate.aggregate_retry_count_from_db. */
export const retriedCount = (db: Db): number =>
  (db.prepare("SELECT COUNT(*) AS n FROM queue_events WHERE event_type = 'retried'").get() as { n: number })
    .n;

const apply = (db: Db, e: DbEffect): void => {
  const cols = Object.keys(e.set).filter((c) => (DB_FIELDS as readonly string[]).includes(c));
  db.prepare(`UPDATE queue_items SET ${cols.map((c) => `${c} = ?`).join(', ')} WHERE id = ?`).run(
    ...cols.map((c) => e.set[c as keyof DbRow] ?? null),
    e.id,
  );
  db.prepare(
    'INSERT INTO queue_events(item_id, event_type, payload_json, created_at) VALUES(?, ?, ?, ?)',
  ).run(e.id, e.event.type, pyJsonDumps(e.event.payload), e.createdAt);
};

/** One command as one IMMEDIATE transaction: read the row, decide, update it and record the event. */
export const mutateDb = (db: Db, cmd: QueueCommand, clock: DbClock): E.Either<Refusal, DbEffect> =>
  db
    .transaction(() => {
      const row = db.prepare('SELECT * FROM queue_items WHERE id = ?').get(cmd.id) as DbRow | undefined;
      const decided = decideDb(row, cmd, clock);
      if (E.isRight(decided)) apply(db, decided.right);
      return decided;
    })
    .immediate();

// Tables first, then the columns an older table lacks, then the indexes (two of which need them).
const migrate = (db: Db): string[] => {
  const statements = SCHEMA_SQL.split(';')
    .map((x) => x.trim())
    .filter((x) => x !== '');
  for (const sql of statements.filter((x) => !x.startsWith('CREATE INDEX'))) db.exec(sql);
  const have = columnsOf(db, 'queue_items');
  const missing = MIGRATED_COLUMNS.filter(([name]) => !have.has(name));
  for (const [name, ddl] of missing) db.exec(`ALTER TABLE queue_items ADD COLUMN ${name} ${ddl}`);
  for (const sql of statements.filter((x) => x.startsWith('CREATE INDEX'))) db.exec(sql);
  return missing.map(([name]) => name);
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
