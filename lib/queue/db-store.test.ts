// Given a SQLite queue (better-sqlite3 in memory), when init-db migrates it and a command mutates a
// row, then the schema is the reference's and each change is one row update plus one queue_events row.
import Database from 'better-sqlite3';
import * as E from 'fp-ts/lib/Either.js';
import { afterEach, describe, expect, it } from 'vitest';
import { columnsOf, listRows, migrateDb, mutateDb, retriedCount } from './db-store.js';
import { dbClockOf } from './kst.js';
import { schemaGap } from './schema.js';

let db: Database.Database;
afterEach(() => db?.close());

const insert = (id: string, status: string, priority = 'P1', created = '2026-02-10 09:00:00') =>
  db
    .prepare(
      'INSERT INTO queue_items(id, status, priority, task, success_criteria, created_at, updated_at) VALUES(?, ?, ?, ?, ?, ?, ?)',
    )
    .run(id, status, priority, `task ${id}`, 'ok', created, created);
const clock = dbClockOf(Date.parse('2026-02-10T03:00:00Z'), 9);

describe('init-db', () => {
  it('given an empty database, then the reference schema is created and nothing is reported added', () => {
    db = new Database(':memory:');
    expect(migrateDb(db)).toEqual([]);
    expect(schemaGap((t) => columnsOf(db, t))).toBeNull();
  });

  it('given a queue_items from before leases, then the missing columns are added and named', () => {
    db = new Database(':memory:');
    db.exec(
      "CREATE TABLE queue_items (id TEXT PRIMARY KEY, status TEXT NOT NULL, priority TEXT NOT NULL, task TEXT NOT NULL, success_criteria TEXT NOT NULL, owner_session TEXT NOT NULL DEFAULT '-', started_at_kst TEXT NOT NULL DEFAULT '-', due_at_kst TEXT NOT NULL DEFAULT '-', notes TEXT NOT NULL DEFAULT '', created_at TEXT NOT NULL, updated_at TEXT NOT NULL)",
    );
    expect(migrateDb(db)).toEqual([
      'lease_owner',
      'lease_expires_at',
      'attempt_count',
      'max_attempts',
      'idempotency_key',
      'last_error',
    ]);
    expect(migrateDb(db)).toEqual([]);
  });
});

describe('rows and mutations', () => {
  it('lists rows P0 first, then by creation within a priority', () => {
    db = new Database(':memory:');
    migrateDb(db);
    insert('B', 'PENDING', 'P1', '2026-02-10 09:00:00');
    insert('A', 'PENDING', 'P1', '2026-02-10 08:00:00');
    insert('C', 'PENDING', 'P0', '2026-02-10 10:00:00');
    expect(listRows(db).map((r) => r.id)).toEqual(['C', 'A', 'B']);
  });

  it('given a FAILED row, when it is retried, then it is PENDING with one retried event; an unknown id changes nothing', () => {
    db = new Database(':memory:');
    migrateDb(db);
    insert('A', 'FAILED');
    expect(
      E.map((e: { status: string }) => e.status)(mutateDb(db, { kind: 'retry', id: 'A' }, clock)),
    ).toEqual(E.right('PENDING'));
    expect([listRows(db)[0]?.status, listRows(db)[0]?.attempt_count, retriedCount(db)]).toEqual([
      'PENDING',
      1,
      1,
    ]);
    expect(E.isLeft(mutateDb(db, { kind: 'cancel', id: 'Z' }, clock))).toBe(true);
    expect(retriedCount(db)).toBe(1);
  });
});
