// Given a SQLite file, when it is opened for create, write or read through either driver, then the
// journal and access are as asked, a missing file is refused unless created, a transaction commits or
// rolls back whole, and a busy error is told apart from others.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { onlyBetterSqlite3, onlyNodeSqlite } from './sqlite-shim.test-kit.js';
import { isSqliteBusy, openSqlite, type SqliteDb, type SqliteLoaders } from './sqlite.js';

let dir = '';
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'opsfold-sqlite-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const caught = (fn: () => unknown): unknown => {
  try {
    fn();
  } catch (e) {
    return e;
  }
  return null;
};
const count = (db: SqliteDb): unknown => db.prepare('SELECT COUNT(*) AS n FROM t').get();

describe.each([
  ['node:sqlite', onlyNodeSqlite],
  ['better-sqlite3', onlyBetterSqlite3],
] as [string, SqliteLoaders][])('opening a SQLite file with %s', (driver, loaders) => {
  const open = (mode: 'read' | 'write' | 'create', busyMs = 100) =>
    openSqlite(join(dir, 'q.db'), { mode, busyMs }, loaders);

  it('given no file, then create makes it in WAL mode, and read or write refuse to', () => {
    expect(() => open('read')).toThrow();
    expect(() => open('write')).toThrow();
    const db = open('create');
    expect(db.driver).toBe(driver);
    expect({ ...(db.prepare('PRAGMA journal_mode').get() as object) }).toEqual({ journal_mode: 'wal' });
    db.close();
  });

  it('given a file, then read mode cannot write, and write mode can', () => {
    const created = open('create');
    created.exec('CREATE TABLE t (x)');
    created.close();
    const reader = open('read');
    expect(() => reader.exec('INSERT INTO t VALUES (1)')).toThrow(/readonly/);
    reader.close();
    const writer = open('write');
    writer.exec('INSERT INTO t VALUES (1)');
    expect({ ...(count(writer) as object) }).toEqual({ n: 1 });
    writer.close();
  });

  it('given a transaction whose body throws, then nothing of it is kept; one that returns is kept', () => {
    const db = open('create');
    db.exec('CREATE TABLE t (x)');
    const insert = (fail: boolean) =>
      db.transaction(() => {
        db.prepare('INSERT INTO t VALUES (?)').run(1);
        if (fail) throw new Error('planned');
        return 'kept';
      });
    expect(() => insert(true).immediate()).toThrow('planned');
    expect({ ...(count(db) as object) }).toEqual({ n: 0 });
    expect([insert(false)(), insert(false).immediate()]).toEqual(['kept', 'kept']);
    expect({ ...(count(db) as object) }).toEqual({ n: 2 });
    db.close();
  });

  it('given another connection holding the write lock, then the second writer fails busy', () => {
    const first = open('create', 10);
    first.exec('CREATE TABLE t (x)');
    first.exec('BEGIN IMMEDIATE');
    const second = open('write', 10);
    const err = caught(() => second.exec('BEGIN IMMEDIATE'));
    expect([isSqliteBusy(err), isSqliteBusy(new Error('other'))]).toEqual([true, false]);
    first.close();
    second.close();
  });
});

describe('a busy error from node:sqlite', () => {
  it('given its numeric errcode (busy, locked, an extended busy), then it is busy; another code is not', () => {
    const e = (errcode: number) => Object.assign(new Error('x'), { code: 'ERR_SQLITE_ERROR', errcode });
    expect([5, 6, 517, 1, 14].map((c) => isSqliteBusy(e(c)))).toEqual([true, true, true, false, false]);
  });
});
