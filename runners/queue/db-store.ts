// The SQLite backend over the reference's database (better-sqlite3): WAL for writers, a 10 s busy
// timeout, the schema checked on open (a missing table or column is named), and every mutation in one
// IMMEDIATE transaction that reads the row, decides, updates it and inserts its queue_events row, so a
// concurrent writer waits and neither change is lost. The reference used three connections for this.
import { existsSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { createRequire } from 'node:module';
import type Database from 'better-sqlite3';
import * as E from 'fp-ts/lib/Either.js';
import { CliError, EXIT } from '../cli/errors.js';
import {
  decideDb,
  type DbClock,
  type DbEffect,
  type QueueCommand,
  type Refusal,
} from '../../lib/queue/decide.js';
import { pyJsonDumps } from '../../lib/queue/pyjson.js';
import { DB_FIELDS, EVENT_FIELDS, type DbRow } from '../../lib/queue/row.js';
import { LIST_SQL, MIGRATED_COLUMNS, SCHEMA_SQL } from './schema.js';
import type { PathArg } from './config.js';

export type Db = Database.Database;

// better-sqlite3 is a native binding only `queue --db` needs, so it loads on the first open, not when
// the queue commands load. Its API is synchronous and so is this module's, hence require, not import().
let sqlite: typeof Database | undefined;
const loadSqlite = (): typeof Database => {
  try {
    sqlite ??= createRequire(import.meta.url)('better-sqlite3') as typeof Database;
    return sqlite;
  } catch (err) {
    throw new CliError(
      `queue --db needs better-sqlite3, which could not be loaded: ${(err as Error).message}`,
      ['install it with: npm install better-sqlite3 (it builds a native binding)'],
    );
  }
};
const BUSY_MS = 10_000;
const INIT_HINT = (p: PathArg) => `create or upgrade it with: opsfold queue init-db --db ${p.display}`;

// A writer that kept the database past the busy timeout is a lock conflict (75), like QUEUE.md's lock.
const sqlError = (p: PathArg, err: unknown): CliError => {
  const code = (err as { code?: unknown }).code;
  const busy = typeof code === 'string' && /^SQLITE_(BUSY|LOCKED)/.test(code);
  return busy
    ? new CliError(
        `${p.display}: ${(err as Error).message}`,
        [`another writer held it for ${BUSY_MS / 1000} s; retry`],
        EXIT.lock,
      )
    : new CliError(`${p.display}: ${(err as Error).message}`, [
        `not a usable SQLite queue database; ${INIT_HINT(p)}`,
      ]);
};

const columnsOf = (db: Db, table: string): Set<string> =>
  new Set((db.prepare(`PRAGMA table_info(${table})`).all() as { name: string }[]).map((c) => c.name));

/** Fails with the first missing table or column of the reference schema, by name. */
const checkSchema = (db: Db, p: PathArg): void => {
  const tables: readonly (readonly [string, readonly string[]])[] = [
    ['queue_items', DB_FIELDS],
    ['queue_events', EVENT_FIELDS],
  ];
  for (const [table, fields] of tables) {
    const have = columnsOf(db, table);
    if (have.size === 0) throw new CliError(`${p.display}: schema: missing table ${table}`, [INIT_HINT(p)]);
    const missing = fields.find((f) => !have.has(f));
    if (missing !== undefined)
      throw new CliError(`${p.display}: schema: table ${table} has no column ${missing}`, [INIT_HINT(p)]);
  }
};

/** Opens an existing queue database and checks its schema; writers switch it to WAL. */
export const openDb = (p: PathArg, mode: 'read' | 'write'): Db => {
  if (!existsSync(p.file)) throw new CliError(`${p.display}: no such database file`, [INIT_HINT(p)]);
  let db: Db | undefined;
  try {
    db = new (loadSqlite())(p.file, { fileMustExist: true, readonly: mode === 'read', timeout: BUSY_MS });
    db.pragma(`busy_timeout = ${BUSY_MS}`);
    if (mode === 'write') db.pragma('journal_mode = WAL');
    checkSchema(db, p);
    return db;
  } catch (err) {
    db?.close();
    throw err instanceof CliError ? err : sqlError(p, err);
  }
};

/** Runs `fn` on the opened database and closes it afterwards. */
export const withDb = <T>(p: PathArg, mode: 'read' | 'write', fn: (db: Db) => T): T => {
  const db = openDb(p, mode);
  try {
    return fn(db);
  } catch (err) {
    throw err instanceof CliError ? err : sqlError(p, err);
  } finally {
    db.close();
  }
};

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

/** db_store.init_db: the reference schema (idempotent) plus its column migrations; WAL from then on. */
export const initDb = (p: PathArg): { created: boolean; added: string[] } => {
  const created = !existsSync(p.file);
  mkdirSync(dirname(p.file), { recursive: true });
  let db: Db | undefined;
  try {
    db = new (loadSqlite())(p.file, { timeout: BUSY_MS });
    db.pragma('journal_mode = WAL');
    const init = db;
    const added = init.transaction(() => {
      // Tables first, then the columns an older table lacks, then the indexes (two of which need them).
      const statements = SCHEMA_SQL.split(';')
        .map((x) => x.trim())
        .filter((x) => x !== '');
      for (const sql of statements.filter((x) => !x.startsWith('CREATE INDEX'))) init.exec(sql);
      const have = columnsOf(init, 'queue_items');
      const missing = MIGRATED_COLUMNS.filter(([name]) => !have.has(name));
      for (const [name, ddl] of missing) init.exec(`ALTER TABLE queue_items ADD COLUMN ${name} ${ddl}`);
      for (const sql of statements.filter((x) => x.startsWith('CREATE INDEX'))) init.exec(sql);
      return missing.map(([name]) => name);
    })();
    checkSchema(init, p);
    return { created, added };
  } catch (err) {
    throw err instanceof CliError ? err : sqlError(p, err);
  } finally {
    db?.close();
  }
};
