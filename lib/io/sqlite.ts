// A SQLite handle opener (better-sqlite3, a native binding) that loads the binding on the first open,
// not on import, so only a command that opens a database pays for it. Its API is synchronous and so is
// this module's, hence require, not import().
import { createRequire } from 'node:module';
import type Database from 'better-sqlite3';

export type SqliteDb = Database.Database;

/** better-sqlite3 could not be loaded (not installed, or its native binding not built). */
export class SqliteUnavailable extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SqliteUnavailable';
  }
}

let sqlite: typeof Database | undefined;
const load = (): typeof Database => {
  try {
    sqlite ??= createRequire(import.meta.url)('better-sqlite3') as typeof Database;
    return sqlite;
  } catch (err) {
    throw new SqliteUnavailable((err as Error).message);
  }
};

export interface SqliteOpenOptions {
  /** `read`: read-only; `write`: switched to WAL; both need the file. `create`: created when missing, WAL. */
  readonly mode: 'read' | 'write' | 'create';
  /** How long a statement waits for another connection's lock before failing with SQLITE_BUSY. */
  readonly busyMs: number;
}

/** Opens `file` as `o` says; a handle whose set-up fails is closed before the error is rethrown. */
export const openSqlite = (file: string, o: SqliteOpenOptions): SqliteDb => {
  const Sqlite = load();
  const db =
    o.mode === 'create'
      ? new Sqlite(file, { timeout: o.busyMs })
      : new Sqlite(file, { fileMustExist: true, readonly: o.mode === 'read', timeout: o.busyMs });
  try {
    if (o.mode !== 'create') db.pragma(`busy_timeout = ${o.busyMs}`);
    if (o.mode !== 'read') db.pragma('journal_mode = WAL');
    return db;
  } catch (err) {
    db.close();
    throw err;
  }
};

/** True for SQLITE_BUSY and SQLITE_LOCKED: another connection held the database past the timeout. */
export const isSqliteBusy = (err: unknown): boolean => {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' && /^SQLITE_(BUSY|LOCKED)/.test(code);
};
