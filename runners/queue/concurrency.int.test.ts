// Real processes mutating the same queue at once: every one succeeds in some order and no change is
// lost, for QUEUE.md (the file lock plus re-reading under it) and for SQLite (one IMMEDIATE
// transaction per mutation, busy timeout). Each child is the opsfold bin run from source through tsx.
import { spawn } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { withLock } from '../../lib/io/lock.js';
import { writeFileAtomic } from '../../lib/io/atomic.js';
import { auditLines, dbEvents, dbRows, mdRows, row, workDir, writeDb, writeQueue } from './test-kit.js';

const projectRoot = fileURLToPath(new URL('../..', import.meta.url));
const bin = join(projectRoot, 'runners', 'opsfold.ts');

interface Child {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

const opsfold = (...argv: string[]): Promise<Child> =>
  new Promise((done, fail) => {
    const child = spawn(process.execPath, ['--import', 'tsx', bin, ...argv], {
      cwd: projectRoot,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (b: Buffer) => (stdout += b.toString()));
    child.stderr.on('data', (b: Buffer) => (stderr += b.toString()));
    child.on('error', fail);
    child.on('exit', (code) => done({ code, stdout, stderr }));
  });

let work = '';
beforeEach(() => {
  work = workDir();
});
afterEach(() => rmSync(work, { recursive: true, force: true }));

// Two writers per case: each child is a full node + tsx start-up, seconds apiece on a loaded machine.
const ids = ['Q-1', 'Q-2'];
const SLOW = { timeout: 180_000 };

describe('when two processes mutate the same QUEUE.md at once', () => {
  it('both succeed, both changes are in the file and each is audited once', SLOW, async () => {
    const queue = join(work, 'QUEUE.md');
    const audit = join(work, 'audit.jsonl');
    writeQueue(queue, [...ids.map((id) => row(id, { notes: `n${id}` })), row('Q-5')]);
    const results = await Promise.all(
      ids.map((id) => opsfold('queue', '--queue', queue, 'cancel', '--id', id, '--audit-log', audit)),
    );
    expect(results.map((r) => [r.code, r.stdout, r.stderr])).toEqual(
      ids.map((id) => [0, `${id} -> BLOCKED\n`, '']),
    );
    expect(mdRows(queue).map((r) => [r.id, r.status, r.notes])).toEqual([
      ...ids.map((id) => [id, 'BLOCKED', `n${id} / cancelled_by_operator`]),
      ['Q-5', 'PENDING', ''],
    ]);
    expect(
      auditLines(audit)
        .map((l) => l['id'])
        .sort(),
    ).toEqual(ids);
  });

  it(
    'a writer that changes the file while holding the lock is not overwritten by a waiting mutation',
    SLOW,
    async () => {
      const queue = join(work, 'QUEUE.md');
      writeQueue(queue, [row('Q-1'), row('Q-2')]);
      let child: Promise<Child> = Promise.resolve({ code: null, stdout: '', stderr: '' });
      await withLock(queue, { waitMs: 0 }, async () => {
        child = opsfold('queue', '--queue', queue, 'replan', '--id', 'Q-2', '--notes', 'later');
        // Hold the lock long enough for the child to start and block on it (well under its 10 s wait),
        // then edit the file as another writer would.
        await new Promise((r) => setTimeout(r, 6000));
        await writeFileAtomic(
          queue,
          readFileSync(queue, 'utf8').replace('| Q-1 | PENDING |', '| Q-1 | DONE |'),
        );
      });
      expect((await child).code).toBe(0);
      expect(mdRows(queue).map((r) => [r.id, r.status, r.notes])).toEqual([
        ['Q-1', 'DONE', ''],
        ['Q-2', 'PENDING', 'replan:later'],
      ]);
    },
  );
});

describe('when two processes mutate the same SQLite queue at once', () => {
  it('both succeed and each row change has its queue_events row', SLOW, async () => {
    const db = join(work, 'queue.db');
    writeDb(
      db,
      ids.map((id) => row(id, { status: 'FAILED', notes: `n${id}` })),
    );
    const results = await Promise.all(ids.map((id) => opsfold('queue', '--db', db, 'retry', '--id', id)));
    expect(results.map((r) => [r.code, r.stdout, r.stderr])).toEqual(
      ids.map((id) => [0, `${id} -> PENDING\n`, '']),
    );
    expect(dbRows(db).map((r) => [r.id, r.status, r.attempt_count])).toEqual(
      ids.map((id) => [id, 'PENDING', 1]),
    );
    expect(
      dbEvents(db)
        .map((e) => [e.item_id, e.event_type])
        .sort(),
    ).toEqual(ids.map((id) => [id, 'retried']));
  });
});
