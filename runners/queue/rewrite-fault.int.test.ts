// Given QUEUE.md whose atomic rewrite fails at the rename (EIO, injected through lib/io's write seam),
// when a mutation runs, then it exits 1 naming the file, QUEUE.md keeps its bytes, and the audit log
// (its cancel line followed by a rollback line, never edited) folds to exactly the rows in the file;
// once renames work again the next command lands and the log still agrees. A kill between the append
// and the rename is settled by the next command, under the lock, before its own line. The SQLite backend's
// equivalent: an event row that cannot be inserted rolls the row update back with it (one transaction).
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { WriteSeam } from '../../lib/io/fs-seam.js';
import { auditStateOf, evolveAudit, type AuditLine } from '../../lib/queue/audit.js';
import Database from 'better-sqlite3';
import { auditLines, dbEvents, dbRows, mdRows, row, run, workDir, writeDb, writeQueue } from './test-kit.js';

const fault = vi.hoisted(() => ({ on: false }));
vi.mock('../../lib/io/fs-seam.js', async (original) => {
  const real = await original<{ nodeSeam: WriteSeam }>();
  return {
    ...real,
    nodeSeam: {
      ...real.nodeSeam,
      rename: async (from: string, to: string) => {
        if (fault.on && to.endsWith('QUEUE.md'))
          throw Object.assign(new Error(`EIO: i/o error, rename '${from}' -> '${to}'`), { code: 'EIO' });
        return real.nodeSeam.rename(from, to);
      },
    },
  };
});

const QUEUE = 'automation/orchestrator/QUEUE.md';
const AUDIT = 'automation/orchestrator/logs/queue-audit.jsonl';
let work = '';
beforeEach(() => {
  work = workDir();
});
afterEach(() => {
  fault.on = false;
  rmSync(work, { recursive: true, force: true });
});

const foldedRows = (start: ReturnType<typeof mdRows>) =>
  (auditLines(join(work, AUDIT)) as unknown as AuditLine[]).reduce(evolveAudit, auditStateOf(start)).rows;

describe('when the QUEUE.md rewrite fails at the rename', () => {
  it('the audit log and the file agree, before and after the next command', async () => {
    writeQueue(join(work, QUEUE), [row('Q-1', { status: 'IN_PROGRESS' }), row('Q-2')]);
    const start = mdRows(join(work, QUEUE));
    const bytes = readFileSync(join(work, QUEUE));
    fault.on = true;
    const failed = await run(work, 'queue', 'cancel', '--id', 'Q-1');
    expect([failed.code, failed.stdout]).toEqual([1, '']);
    expect(failed.stderr.split('\n')[0]).toMatch(/^error: .*QUEUE\.md.*EIO/);
    expect(readFileSync(join(work, QUEUE))).toEqual(bytes);
    expect(auditLines(join(work, AUDIT)).map((l) => l['command'])).toEqual(['cancel', 'rollback']);
    expect(foldedRows(start)).toEqual(mdRows(join(work, QUEUE)));

    fault.on = false;
    expect((await run(work, 'queue', 'cancel', '--id', 'Q-2')).code).toBe(0);
    expect(mdRows(join(work, QUEUE)).map((r) => r.status)).toEqual(['IN_PROGRESS', 'BLOCKED']);
    expect(foldedRows(start)).toEqual(mdRows(join(work, QUEUE)));
  });
});

describe('when a process was killed between its audit append and its rename', () => {
  it('the next command first rolls the unwritten change back in the log, then records its own', async () => {
    writeQueue(join(work, QUEUE), [row('Q-1', { status: 'IN_PROGRESS' }), row('Q-2')]);
    const start = mdRows(join(work, QUEUE));
    const bytes = readFileSync(join(work, QUEUE));
    expect((await run(work, 'queue', 'cancel', '--id', 'Q-1')).code).toBe(0);
    writeFileSync(join(work, QUEUE), bytes); // the state a kill before the rename leaves
    expect((await run(work, 'queue', 'cancel', '--id', 'Q-2')).code).toBe(0);
    expect(auditLines(join(work, AUDIT)).map((l) => [l['command'], l['id']])).toEqual([
      ['cancel', 'Q-1'],
      ['rollback', 'Q-1'],
      ['cancel', 'Q-2'],
    ]);
    expect(mdRows(join(work, QUEUE)).map((r) => r.status)).toEqual(['IN_PROGRESS', 'BLOCKED']);
    expect(foldedRows(start)).toEqual(mdRows(join(work, QUEUE)));
    expect((await run(work, 'queue', 'retry', '--id', 'Q-2')).code).toBe(0);
    expect(auditLines(join(work, AUDIT))).toHaveLength(4);
  });
});

describe('when nothing failed', () => {
  it('an export and the commands after it owe no rollback', async () => {
    writeDb(join(work, 'q.db'), [
      row('Q-1', { status: 'IN_PROGRESS', notes: 'a | b' }),
      row('Q-2', { task: 'café  \\ x', due_at_kst: ' 7 ' }),
    ]);
    expect((await run(work, 'queue', '--db', 'q.db', 'export-md')).code).toBe(0);
    expect((await run(work, 'queue', 'cancel', '--id', 'Q-1')).code).toBe(0);
    expect((await run(work, 'queue', 'cancel', '--id', 'Q-2')).code).toBe(0);
    expect(auditLines(join(work, AUDIT)).map((l) => l['command'])).toEqual(['export-md', 'cancel', 'cancel']);
  });
});

describe('when a SQLite mutation fails after updating its row', () => {
  it('the queue_events insert failing leaves the row as it was and no event', async () => {
    const file = join(work, 'q.db');
    writeDb(file, [row('Q-1', { status: 'IN_PROGRESS' })]);
    const db = new Database(file);
    db.exec(
      `CREATE TRIGGER no_events BEFORE INSERT ON queue_events BEGIN SELECT RAISE(ABORT, 'disk I/O error'); END`,
    );
    db.close();
    const before = dbRows(file);
    const out = await run(work, 'queue', '--db', 'q.db', 'cancel', '--id', 'Q-1');
    expect([out.code, out.stderr.split('\n')[0]]).toEqual([1, 'error: q.db: disk I/O error']);
    expect([dbRows(file), dbEvents(file)]).toEqual([before, []]);
  });
});
