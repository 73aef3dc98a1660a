// A stand-in for node:sqlite on a Node that lacks it: DatabaseSync's shape over better-sqlite3, so the
// node:sqlite adapter (transactions by BEGIN/COMMIT/ROLLBACK, no file-must-exist flag) runs here too.
import Database from 'better-sqlite3';
import type { NodeSqliteModule, SqliteLoaders } from './sqlite-drivers.js';

class DatabaseSync {
  readonly #db: Database.Database;
  constructor(file: string, options?: { readonly readOnly?: boolean }) {
    this.#db = new Database(file, { readonly: options?.readOnly ?? false });
  }
  prepare(sql: string) {
    return this.#db.prepare(sql);
  }
  exec(sql: string): void {
    this.#db.exec(sql);
  }
  close(): void {
    this.#db.close();
  }
}

const missing = (name: string) => (): never => {
  throw Object.assign(new Error(`Cannot find module '${name}'`), { code: 'MODULE_NOT_FOUND' });
};

export const nodeSqliteShim: NodeSqliteModule = { DatabaseSync };

/** node:sqlite present (the shim), better-sqlite3 never asked for. */
export const onlyNodeSqlite: SqliteLoaders = {
  nodeSqlite: () => nodeSqliteShim,
  betterSqlite3: missing('better-sqlite3'),
};

/** A Node without node:sqlite, better-sqlite3 installed. */
export const onlyBetterSqlite3: SqliteLoaders = {
  nodeSqlite: missing('node:sqlite'),
  betterSqlite3: () => Database,
};

/** Neither driver loads. */
export const noSqlite: SqliteLoaders = {
  nodeSqlite: missing('node:sqlite'),
  betterSqlite3: missing('better-sqlite3'),
};
