// Given a SQLite file, when it is opened for create, write or read, then the journal and access are as
// asked, a missing file is refused unless created, and a busy error is told apart from others.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isSqliteBusy, openSqlite } from './sqlite.js';

let dir = '';
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'opsfold-sqlite-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('opening a SQLite file', () => {
  it('given no file, then create makes it in WAL mode, and read or write refuse to', () => {
    const file = join(dir, 'q.db');
    expect(() => openSqlite(file, { mode: 'read', busyMs: 100 })).toThrow();
    const db = openSqlite(file, { mode: 'create', busyMs: 100 });
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    db.exec('CREATE TABLE t (x)');
    db.close();
  });

  it('given a file, then read mode cannot write, and write mode can', () => {
    const file = join(dir, 'q.db');
    openSqlite(file, { mode: 'create', busyMs: 100 }).exec('CREATE TABLE t (x)');
    const reader = openSqlite(file, { mode: 'read', busyMs: 100 });
    expect(() => reader.exec('INSERT INTO t VALUES (1)')).toThrow(/readonly/);
    reader.close();
    const writer = openSqlite(file, { mode: 'write', busyMs: 100 });
    writer.exec('INSERT INTO t VALUES (1)');
    expect(writer.prepare('SELECT COUNT(*) AS n FROM t').get()).toEqual({ n: 1 });
    writer.close();
  });

  it('given another connection holding the write lock, then the second writer fails busy', () => {
    const file = join(dir, 'q.db');
    const first = openSqlite(file, { mode: 'create', busyMs: 10 });
    first.exec('CREATE TABLE t (x)');
    first.exec('BEGIN IMMEDIATE');
    const second = openSqlite(file, { mode: 'write', busyMs: 10 });
    const err = (() => {
      try {
        second.exec('BEGIN IMMEDIATE');
      } catch (e) {
        return e;
      }
      return null;
    })();
    expect([isSqliteBusy(err), isSqliteBusy(new Error('other'))]).toEqual([true, false]);
    first.close();
    second.close();
  });
});
