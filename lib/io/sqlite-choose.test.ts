// Given which SQLite drivers load, when the opener chooses one, then node:sqlite wins where the Node has
// it, better-sqlite3 is the fallback, and with neither the error names the install.
import { describe, expect, it } from 'vitest';
import { noSqlite, onlyBetterSqlite3, onlyNodeSqlite } from './sqlite-shim.test-kit.js';
import { chooseSqlite, SqliteUnavailable } from './sqlite.js';

describe('choosing the SQLite driver', () => {
  it('given node:sqlite loads, then it is chosen and better-sqlite3 is never loaded', () => {
    let asked = false;
    const loaders = {
      ...onlyNodeSqlite,
      betterSqlite3: () => {
        asked = true;
        return onlyBetterSqlite3.betterSqlite3();
      },
    };
    expect([chooseSqlite(loaders).kind, asked]).toEqual(['node:sqlite', false]);
  });

  it('given a Node without node:sqlite, then better-sqlite3 is chosen', () => {
    expect(chooseSqlite(onlyBetterSqlite3).kind).toBe('better-sqlite3');
  });

  it('given neither loads, then SqliteUnavailable says why each failed', () => {
    expect(() => chooseSqlite(noSqlite)).toThrow(SqliteUnavailable);
    expect(() => chooseSqlite(noSqlite)).toThrow(/node:sqlite.*Cannot find module 'better-sqlite3'/);
  });
});
