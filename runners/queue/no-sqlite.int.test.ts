// Given a Node without node:sqlite and no better-sqlite3 (both loaders fail: nothing is uninstalled),
// when a queue command needs the database, then it exits 1 with one error line naming the install; a
// markdown command does not need SQLite and still works.
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { row, run, workDir, writeQueue } from './test-kit.js';

vi.mock('../../lib/io/sqlite-drivers.js', async (original) => ({
  ...(await original<object>()),
  defaultLoaders: (await import('../../lib/io/sqlite-shim.test-kit.js')).noSqlite,
}));

let work = '';
beforeEach(() => {
  work = workDir();
});
afterEach(() => rmSync(work, { recursive: true, force: true }));

describe('when no SQLite driver can be loaded', () => {
  it('init-db exits 1 naming npm install better-sqlite3, and writes no database', async () => {
    const out = await run(work, 'queue', '--db', 'q.db', 'init-db');
    const [first, detail] = out.stderr.split('\n');
    expect([out.code, out.stdout]).toEqual([1, '']);
    expect(first).toMatch(/^error: queue --db needs SQLite: install it with `npm install better-sqlite3`/);
    expect(detail).toMatch(/node:sqlite.*better-sqlite3/);
  });

  it('a markdown status still answers', async () => {
    writeQueue(join(work, 'automation/orchestrator/QUEUE.md'), [row('Q-1', { status: 'PENDING' })]);
    expect((await run(work, 'queue', 'status')).code).toBe(0);
  });
});
