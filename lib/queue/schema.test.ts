// Given the reference schema and a database's columns, when init-db migrates or a mutation writes,
// then the statements are the reference's, in the order that works on an older database.
import { describe, expect, it } from 'vitest';
import { columnMigrations, effectStatements, schemaGap, schemaStatements } from './schema.js';
import { DB_FIELDS, EVENT_FIELDS } from './row.js';

describe('init-db statements', () => {
  it('creates the tables before the indexes (two indexes need migrated columns)', () => {
    const { tables, indexes } = schemaStatements();
    expect(tables.map((s) => s.split('\n')[0])).toEqual([
      'PRAGMA foreign_keys = ON',
      'CREATE TABLE IF NOT EXISTS queue_items (',
      'CREATE TABLE IF NOT EXISTS queue_events (',
    ]);
    expect(indexes).toHaveLength(4);
  });

  it('given a queue_items from before leases, then the six newer columns are added, named, in order', () => {
    const old = new Set(DB_FIELDS.slice(0, 11));
    expect(columnMigrations(old).map((m) => m.name)).toEqual([
      'lease_owner',
      'lease_expires_at',
      'attempt_count',
      'max_attempts',
      'idempotency_key',
      'last_error',
    ]);
    expect(columnMigrations(old)[2]?.sql).toBe(
      'ALTER TABLE queue_items ADD COLUMN attempt_count INTEGER NOT NULL DEFAULT 0',
    );
    expect(columnMigrations(new Set(DB_FIELDS))).toEqual([]);
  });
});

describe('the schema check', () => {
  const columns = (over: Record<string, readonly string[]>) => (table: string) =>
    new Set(over[table] ?? (table === 'queue_items' ? DB_FIELDS : EVENT_FIELDS));
  it('names a missing table, then a missing column, else nothing', () => {
    expect(schemaGap(columns({ queue_events: [] }))).toBe('missing table queue_events');
    expect(schemaGap(columns({ queue_items: DB_FIELDS.filter((f) => f !== 'notes') }))).toBe(
      'table queue_items has no column notes',
    );
    expect(schemaGap(columns({}))).toBeNull();
  });
});

describe('a decided mutation', () => {
  it('updates only schema columns of its row, then records its event with the payload as Python dumps it', () => {
    const [update, event] = effectStatements({
      id: 'ORCH-1',
      status: 'BLOCKED',
      set: { status: 'BLOCKED', notes: 'x' },
      event: { type: 'cancelled', payload: { by: 'operator' } },
      createdAt: '2026-02-10 12:00:00',
    });
    expect(update).toEqual({
      sql: 'UPDATE queue_items SET status = ?, notes = ? WHERE id = ?',
      params: ['BLOCKED', 'x', 'ORCH-1'],
    });
    expect(event.params).toEqual(['ORCH-1', 'cancelled', '{"by": "operator"}', '2026-02-10 12:00:00']);
  });
});
