// The SQLite queue on disk: the schema is checked on open (a missing table or column is named),
// init-db creates or upgrades the reference schema, writers leave the database in WAL mode,
// export-md renders the rows into QUEUE.md, and consistency-check compares the two.
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  AS_OF,
  auditLines,
  dbRows,
  mdRows,
  queueText,
  row,
  run,
  workDir,
  writeDb,
  writeQueue,
} from './test-kit.js';

let work = '';
beforeEach(() => {
  work = workDir();
});
afterEach(() => rmSync(work, { recursive: true, force: true }));

const sql = (file: string, text: string): void => {
  const db = new Database(join(work, file));
  db.exec(text);
  db.close();
};

describe('when the database does not have the reference schema', () => {
  it('names the first missing column of a table that lacks most of them', async () => {
    sql('q.db', 'CREATE TABLE queue_items (id TEXT)');
    const out = await run(work, 'queue', '--db', 'q.db', 'status');
    expect([out.code, out.stderr.split('\n')[0]]).toEqual([
      1,
      'error: q.db: schema: table queue_items has no column status',
    ]);
  });
  it('names a missing column, and init-db adds it as the reference migration does', async () => {
    writeDb(join(work, 'q.db'), [row('Q-1')]);
    sql('q.db', 'DROP INDEX idx_queue_items_lease; ALTER TABLE queue_items DROP COLUMN lease_expires_at');
    const out = await run(work, 'queue', '--db', 'q.db', 'workers');
    expect([out.code, out.stderr.split('\n')[0]]).toEqual([
      1,
      'error: q.db: schema: table queue_items has no column lease_expires_at',
    ]);
    expect(out.stderr).toContain('opsfold queue init-db --db q.db');
    const init = await run(work, 'queue', '--db', 'q.db', 'init-db');
    expect([init.code, init.stdout]).toEqual([0, 'upgraded q.db added=lease_expires_at\n']);
    expect((await run(work, 'queue', '--db', 'q.db', 'workers')).stdout).toBe('workers: none\n');
  });
  it('names the missing events table', async () => {
    writeDb(join(work, 'q.db'), []);
    sql('q.db', 'DROP TABLE queue_events');
    const out = await run(work, 'queue', 'consistency-check', '--db-path', 'q.db');
    expect(out.stderr.split('\n')[0]).toBe('error: automation/orchestrator/QUEUE.md: no such file');
    writeQueue(join(work, 'automation/orchestrator/QUEUE.md'), []);
    const again = await run(work, 'queue', 'consistency-check', '--db-path', 'q.db');
    expect([again.code, again.stderr.split('\n')[0]]).toEqual([
      1,
      'error: q.db: schema: missing table queue_events',
    ]);
  });
  it('refuses a file that is not a database, and a missing file, without creating it', async () => {
    writeFileSync(join(work, 'junk.db'), 'not sqlite at all, just text that is long enough to have a header');
    const junk = await run(work, 'queue', '--db', 'junk.db', 'status');
    expect([junk.code, junk.stderr.split('\n')[0]]).toEqual([1, 'error: junk.db: file is not a database']);
    const missing = await run(work, 'queue', '--db', 'none.db', 'cancel', '--id', 'Q-1');
    expect([missing.code, missing.stderr.split('\n')[0]]).toEqual([
      1,
      'error: none.db: no such database file',
    ]);
    expect(existsSync(join(work, 'none.db'))).toBe(false);
  });
});

describe('init-db', () => {
  it('creates both tables and the indexes at the default path, in WAL mode, and is idempotent', async () => {
    const first = await run(work, 'queue', 'init-db');
    expect([first.code, first.stdout]).toEqual([0, 'initialized automation/orchestrator/db/queue.db\n']);
    const again = await run(work, 'queue', 'init-db');
    expect(again.stdout).toBe('initialized automation/orchestrator/db/queue.db\n');
    const db = new Database(join(work, 'automation/orchestrator/db/queue.db'), { readonly: true });
    const names = (
      db.prepare("SELECT name FROM sqlite_master WHERE type IN ('table','index') ORDER BY name").all() as {
        name: string;
      }[]
    ).map((r) => r.name);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    db.close();
    expect(names).toEqual(
      expect.arrayContaining([
        'queue_items',
        'queue_events',
        'idx_queue_items_status_priority',
        'idx_queue_items_lease',
      ]),
    );
  });
});

describe('export-md and consistency-check', () => {
  it('renders db rows into the table in list order, keeps the prose, audits the export, and then agrees', async () => {
    writeDb(join(work, 'q.db'), [
      row('Q-2', { priority: 'P2', notes: 'a | b' }),
      row('Q-1', {
        priority: 'P0',
        status: 'IN_PROGRESS',
        owner_session: 'w1',
        started_at_kst: '2026-02-10 09:00',
      }),
    ]);
    writeFileSync(join(work, 'QUEUE.md'), queueText([row('OLD-1')]));
    const out = await run(
      work,
      'queue',
      '--db',
      'q.db',
      'export-md',
      '--queue',
      'QUEUE.md',
      '--as-of',
      AS_OF,
    );
    expect([out.code, out.stdout]).toEqual([0, 'rendered 2 rows\n']);
    const text = readFileSync(join(work, 'QUEUE.md'), 'utf8');
    expect(text.startsWith('# Test Queue\n\nProse before the table.\n')).toBe(true);
    expect(text.endsWith('\n## After\nprose after\n')).toBe(true);
    expect(mdRows(join(work, 'QUEUE.md')).map((r) => [r.id, r.notes])).toEqual([
      ['Q-1', ''],
      ['Q-2', 'a / b'],
    ]);
    expect(
      auditLines(join(work, 'logs/queue-audit.jsonl')).map((l) => [
        l['command'],
        (l['rows'] as unknown[]).length,
      ]),
    ).toEqual([['export-md', 2]]);
    const check = await run(
      work,
      'queue',
      'consistency-check',
      '--queue-path',
      'QUEUE.md',
      '--db-path',
      'q.db',
    );
    expect([check.code, check.stdout]).toEqual([0, 'consistency ok total=2\n']);
  });

  it('reports drift after a markdown-only change and exits 1', async () => {
    writeDb(join(work, 'q.db'), [row('Q-1'), row('Q-3')]);
    writeQueue(join(work, 'automation/orchestrator/QUEUE.md'), [row('Q-1'), row('Q-2')]);
    await run(work, 'queue', 'cancel', '--id', 'Q-1');
    const out = await run(work, 'queue', '--db', 'q.db', 'consistency-check');
    expect([out.code, out.stdout]).toEqual([
      1,
      'consistency mismatch missing_in_db=1 missing_in_md=1 field_mismatch=1\n' +
        '- missing_in_db Q-2\n- missing_in_md Q-3\n- mismatch Q-1:status:md=BLOCKED db=PENDING\n',
    ]);
  });

  it('writes a new QUEUE.md when there is none', async () => {
    writeDb(join(work, 'q.db'), [row('Q-1')]);
    const out = await run(work, 'queue', '--db', 'q.db', 'export-md');
    expect(out.code, out.stderr).toBe(0);
    expect(mdRows(join(work, 'automation/orchestrator/QUEUE.md')).map((r) => r.id)).toEqual(['Q-1']);
    expect(dbRows(join(work, 'q.db'))).toHaveLength(1);
  });
});

describe('when another writer holds its transaction past the 10 s busy timeout', () => {
  it('gives up with exit 75 and changes nothing', async () => {
    const db = join(work, 'q.db');
    writeDb(db, [row('Q-1')]);
    const holder = new Database(db);
    holder.exec('BEGIN IMMEDIATE');
    try {
      const out = await run(work, 'queue', '--db', 'q.db', 'cancel', '--id', 'Q-1');
      expect([out.code, out.stderr.split('\n')[0]]).toEqual([75, 'error: q.db: database is locked']);
    } finally {
      holder.exec('ROLLBACK');
      holder.close();
    }
    expect(dbRows(db)[0]?.status).toBe('PENDING');
  });
});
