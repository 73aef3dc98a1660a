// The SQLite opener: node:sqlite where the running Node has it (feature-detected by loading it, never by
// parsing the version), else better-sqlite3 when it is installed, else SqliteUnavailable naming the
// install. Either driver's handle is a SqliteDb (sqlite-drivers.ts).
import { existsSync } from 'node:fs';
import {
  betterSqliteDb,
  defaultLoaders,
  nodeSqliteDb,
  type BetterSqlite3,
  type NodeSqliteModule,
  type SqliteDb,
  type SqliteLoaders,
} from './sqlite-drivers.js';

export type { SqliteDb, SqliteLoaders } from './sqlite-drivers.js';

/** Neither node:sqlite nor better-sqlite3 could be loaded. */
export class SqliteUnavailable extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SqliteUnavailable';
  }
}

type Driver =
  | { readonly kind: 'node:sqlite'; readonly mod: NodeSqliteModule }
  | { readonly kind: 'better-sqlite3'; readonly Ctor: BetterSqlite3 };

const why = (err: unknown): string => (err instanceof Error ? err.message : String(err));

/** The driver to use: node:sqlite when it loads, else better-sqlite3, else SqliteUnavailable. */
export const chooseSqlite = (loaders: SqliteLoaders = defaultLoaders): Driver => {
  let nodeWhy: string;
  try {
    return { kind: 'node:sqlite', mod: loaders.nodeSqlite() };
  } catch (err) {
    nodeWhy = why(err);
  }
  try {
    return { kind: 'better-sqlite3', Ctor: loaders.betterSqlite3() };
  } catch (err) {
    throw new SqliteUnavailable(
      `no SQLite driver: this Node has no node:sqlite (${nodeWhy}) and better-sqlite3 could not be loaded (${why(err)})`,
    );
  }
};

export interface SqliteOpenOptions {
  /** `read`: read-only; `write`: switched to WAL; both need the file. `create`: created when missing, WAL. */
  readonly mode: 'read' | 'write' | 'create';
  /** How long a statement waits for another connection's lock before failing with SQLITE_BUSY. */
  readonly busyMs: number;
}

// node:sqlite has no "file must exist" flag: a missing file is refused before it is opened (and created).
const cantOpen = (file: string): Error =>
  Object.assign(new Error(`unable to open database file: ${file}`), { code: 'SQLITE_CANTOPEN' });

const connect = (driver: Driver, file: string, mode: SqliteOpenOptions['mode']): SqliteDb => {
  if (driver.kind === 'better-sqlite3') return betterSqliteDb(driver.Ctor, file, mode);
  if (mode !== 'create' && !existsSync(file)) throw cantOpen(file);
  return nodeSqliteDb(driver.mod, file, mode === 'read');
};

/** Opens `file` as `o` says; a handle whose set-up fails is closed before the error is rethrown. */
export const openSqlite = (file: string, o: SqliteOpenOptions, loaders?: SqliteLoaders): SqliteDb => {
  const db = connect(chooseSqlite(loaders), file, o.mode);
  try {
    db.exec(`PRAGMA busy_timeout = ${Math.max(0, Math.trunc(o.busyMs))}`);
    if (o.mode !== 'read') db.exec('PRAGMA journal_mode = WAL');
    return db;
  } catch (err) {
    db.close();
    throw err;
  }
};

// better-sqlite3 names the code (SQLITE_BUSY, SQLITE_BUSY_SNAPSHOT, …); node:sqlite gives the number
// (`errcode`, whose low byte is the primary code: 5 busy, 6 locked).
/** True for SQLITE_BUSY and SQLITE_LOCKED: another connection held the database past the timeout. */
export const isSqliteBusy = (err: unknown): boolean => {
  const e = err as { code?: unknown; errcode?: unknown } | null;
  if (typeof e?.code === 'string' && /^SQLITE_(BUSY|LOCKED)/.test(e.code)) return true;
  return typeof e?.errcode === 'number' && [5, 6].includes(e.errcode & 0xff);
};
