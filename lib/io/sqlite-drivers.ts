// The two SQLite drivers behind one synchronous handle (`SqliteDb`): node:sqlite (built into Node from
// 22.5) and better-sqlite3 (a native binding, an optional peer dependency). Each is loaded on the first
// open, not on import, so only a command that opens a database pays for it. Their APIs are synchronous and
// so is this module's, hence require, not import().
import { createRequire } from 'node:module';

export interface SqliteStatement {
  get(...params: unknown[]): unknown;
  all(...params: unknown[]): unknown[];
  run(...params: unknown[]): unknown;
}

/** An open database, whichever driver opened it. */
export interface SqliteDb {
  readonly driver: 'node:sqlite' | 'better-sqlite3';
  prepare(sql: string): SqliteStatement;
  exec(sql: string): void;
  /** `fn` in one transaction (rolled back when it throws); `.immediate()` takes the write lock first. */
  transaction<T>(fn: () => T): { (): T; immediate(): T };
  close(): void;
}

/** node:sqlite's DatabaseSync, as far as this module uses it. */
export interface NodeSqliteModule {
  readonly DatabaseSync: new (
    file: string,
    options?: { readonly readOnly?: boolean },
  ) => {
    prepare(sql: string): SqliteStatement;
    exec(sql: string): void;
    close(): void;
  };
}

/** better-sqlite3's Database constructor, as far as this module uses it. */
export type BetterSqlite3 = new (
  file: string,
  options?: { readonly readonly?: boolean; readonly fileMustExist?: boolean; readonly timeout?: number },
) => {
  prepare(sql: string): SqliteStatement;
  exec(sql: string): unknown;
  transaction<T>(fn: () => T): { (): T; immediate(): T };
  close(): unknown;
};

/** How each driver is loaded; each throws when its driver is not there. Tests inject failures here. */
export interface SqliteLoaders {
  readonly nodeSqlite: () => NodeSqliteModule;
  readonly betterSqlite3: () => BetterSqlite3;
}

// Node 22 and 24 print "ExperimentalWarning: SQLite is an experimental feature" on stderr when
// node:sqlite loads; a queue command's stderr starts with its own `error:` line, so that one warning
// (and only it) is dropped while the module loads.
const withoutSqliteWarning = <T>(load: () => T): T => {
  const emit = process.emitWarning;
  process.emitWarning = ((warning: string | Error, ...rest: never[]) => {
    const text = typeof warning === 'string' ? warning : warning.message;
    if (!text.includes('SQLite is an experimental feature')) emit.call(process, warning, ...rest);
  }) as typeof process.emitWarning;
  try {
    return load();
  } finally {
    process.emitWarning = emit;
  }
};

const require = createRequire(import.meta.url);
export const defaultLoaders: SqliteLoaders = {
  nodeSqlite: () => withoutSqliteWarning(() => require('node:sqlite') as NodeSqliteModule),
  betterSqlite3: () => require('better-sqlite3') as BetterSqlite3,
};

// node:sqlite has no transaction helper: BEGIN, then COMMIT, or ROLLBACK when `fn` throws.
const nodeTransaction =
  (db: { exec(sql: string): void }) =>
  <T>(fn: () => T): { (): T; immediate(): T } => {
    const run = (begin: string) => (): T => {
      db.exec(begin);
      try {
        const out = fn();
        db.exec('COMMIT');
        return out;
      } catch (err) {
        db.exec('ROLLBACK');
        throw err;
      }
    };
    return Object.assign(run('BEGIN'), { immediate: run('BEGIN IMMEDIATE') });
  };

/** A node:sqlite connection as a SqliteDb. */
export const nodeSqliteDb = (mod: NodeSqliteModule, file: string, readOnly: boolean): SqliteDb => {
  const db = new mod.DatabaseSync(file, { readOnly });
  return {
    driver: 'node:sqlite',
    prepare: (sql) => db.prepare(sql),
    exec: (sql) => db.exec(sql),
    transaction: nodeTransaction(db),
    close: () => db.close(),
  };
};

/** A better-sqlite3 connection as a SqliteDb. */
export const betterSqliteDb = (
  Ctor: BetterSqlite3,
  file: string,
  mode: 'read' | 'write' | 'create',
): SqliteDb => {
  const db =
    mode === 'create' ? new Ctor(file) : new Ctor(file, { fileMustExist: true, readonly: mode === 'read' });
  return {
    driver: 'better-sqlite3',
    prepare: (sql) => db.prepare(sql),
    exec: (sql) => void db.exec(sql),
    transaction: (fn) => db.transaction(fn),
    close: () => void db.close(),
  };
};
