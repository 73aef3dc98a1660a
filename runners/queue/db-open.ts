// Opening the reference's SQLite queue (node:sqlite or better-sqlite3, lib/io/sqlite.ts): the path
// confined first (a symlink out of its root or a FIFO is refused before SQLite opens it), WAL for
// writers, a 10 s busy timeout, and the schema checked on open (a missing table or column is named).
import { existsSync } from 'node:fs';
import { isSqliteBusy, openSqlite, SqliteUnavailable, type SqliteDb } from '../../lib/io/sqlite.js';
import { CliError, EXIT } from '../cli/errors.js';
import { columnsOf } from '../../lib/queue/db-store.js';
import { schemaGap } from '../../lib/queue/schema.js';
import { confined, type PathArg } from './paths.js';

export type Db = SqliteDb;

// Only `queue --db` needs a SQLite driver: lib/io/sqlite.ts loads one on the first open.
export const BUSY_MS = 10_000;
const INIT_HINT = (p: PathArg) => `create or upgrade it with: opsfold queue init-db --db ${p.display}`;

// A writer that kept the database past the busy timeout is a lock conflict (75), like QUEUE.md's lock.
export const sqlError = (p: PathArg, err: unknown): CliError => {
  if (err instanceof CliError) return err;
  if (err instanceof SqliteUnavailable)
    return new CliError(
      'queue --db needs SQLite: install it with `npm install better-sqlite3`, or run on a Node with node:sqlite (22.13 or later)',
      [err.message],
    );
  const message = `${p.display}: ${(err as Error).message}`;
  return isSqliteBusy(err)
    ? new CliError(message, [`another writer held it for ${BUSY_MS / 1000} s; retry`], EXIT.lock)
    : new CliError(message, [`not a usable SQLite queue database; ${INIT_HINT(p)}`]);
};

/** Fails with the first missing table or column of the reference schema, by name. */
export const checkSchema = (db: Db, p: PathArg): void => {
  const gap = schemaGap((table) => columnsOf(db, table));
  if (gap !== null) throw new CliError(`${p.display}: schema: ${gap}`, [INIT_HINT(p)]);
};

/** Opens an existing queue database and checks its schema; writers switch it to WAL. */
const openDb = (p: PathArg, mode: 'read' | 'write'): Db => {
  if (!existsSync(p.file)) throw new CliError(`${p.display}: no such database file`, [INIT_HINT(p)]);
  let db: Db | undefined;
  try {
    db = openSqlite(p.file, { mode, busyMs: BUSY_MS });
    checkSchema(db, p);
    return db;
  } catch (err) {
    db?.close();
    throw sqlError(p, err);
  }
};

/** Confines the path, runs `fn` on the opened database and closes it afterwards. */
export const withDb = async <T>(p: PathArg, mode: 'read' | 'write', fn: (db: Db) => T): Promise<T> => {
  await confined(p);
  const db = openDb(p, mode);
  try {
    return fn(db);
  } catch (err) {
    throw sqlError(p, err);
  } finally {
    db.close();
  }
};
