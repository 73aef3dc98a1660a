// Every queue artifact is confined: a QUEUE.md, audit log, database or run log that resolves outside
// the working directory through a symlink is refused before anything is read, locked or written, and a
// FIFO in its place is refused without hanging.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AS_OF, auditLines, row, run, writeQueue } from './test-kit.js';

let work = '';
let outside = '';
beforeEach(() => {
  work = mkdtempSync(join(tmpdir(), 'opsfold-queue-in-'));
  outside = mkdtempSync(join(tmpdir(), 'opsfold-queue-out-'));
});
afterEach(() => {
  rmSync(work, { recursive: true, force: true });
  rmSync(outside, { recursive: true, force: true });
});

const refusedLine = (stderr: string) => stderr.split('\n')[0] ?? '';

describe('when QUEUE.md is a symlink to a file outside the working directory', () => {
  it('refuses to read it or rewrite it, and the outside file keeps its bytes', async () => {
    writeQueue(join(outside, 'QUEUE.md'), [row('Q-1')]);
    const before = readFileSync(join(outside, 'QUEUE.md'), 'utf8');
    symlinkSync(join(outside, 'QUEUE.md'), join(work, 'Q.md'));
    const status = await run(work, 'queue', '--queue', 'Q.md', 'status');
    expect([status.code, refusedLine(status.stderr)]).toEqual([
      1,
      expect.stringMatching(/^error: Q\.md: refused: /),
    ]);
    const cancel = await run(work, 'queue', '--queue', 'Q.md', 'cancel', '--id', 'Q-1', '--as-of', AS_OF);
    expect(cancel.code).toBe(1);
    expect(readFileSync(join(outside, 'QUEUE.md'), 'utf8')).toBe(before);
  });
});

describe('when the audit log directory is a symlink out of the working directory', () => {
  it('refuses the mutation: nothing is appended outside and QUEUE.md is unchanged', async () => {
    writeQueue(join(work, 'Q.md'), [row('Q-1')]);
    const before = readFileSync(join(work, 'Q.md'), 'utf8');
    symlinkSync(outside, join(work, 'logs'));
    const out = await run(work, 'queue', '--queue', 'Q.md', 'cancel', '--id', 'Q-1', '--as-of', AS_OF);
    expect([out.code, refusedLine(out.stderr)]).toEqual([
      1,
      expect.stringMatching(/^error: logs\/queue-audit\.jsonl: refused: /),
    ]);
    expect(auditLines(join(outside, 'queue-audit.jsonl'))).toEqual([]);
    expect(readFileSync(join(work, 'Q.md'), 'utf8')).toBe(before);
  });
});

describe('when an artifact is a FIFO', () => {
  const fifo = (name: string) => execFileSync('mkfifo', [join(work, name)]);
  it('refuses QUEUE.md, the database and the run log without hanging', async () => {
    fifo('Q.md');
    fifo('q.db');
    fifo('runs.jsonl');
    const md = await run(work, 'queue', '--queue', 'Q.md', 'workers');
    expect([md.code, refusedLine(md.stderr)]).toEqual([1, 'error: Q.md: refused: a FIFO']);
    const db = await run(work, 'queue', '--db', 'q.db', 'status');
    expect([db.code, refusedLine(db.stderr)]).toEqual([1, 'error: q.db: refused: a FIFO']);
    const kpi = await run(work, 'queue', 'kpi', '--log-path', 'runs.jsonl', '--db-path', 'none.db');
    expect([kpi.code, refusedLine(kpi.stderr)]).toEqual([1, 'error: runs.jsonl: refused: a FIFO']);
  });
});

describe('when the run log is a symlink out of the working directory', () => {
  it('refuses kpi rather than reading it', async () => {
    mkdirSync(join(outside, 'logs'));
    symlinkSync(join(outside, 'logs'), join(work, 'logs'));
    const out = await run(work, 'queue', 'kpi', '--log-path', 'logs/orch_runs.jsonl', '--db-path', 'none.db');
    expect([out.code, refusedLine(out.stderr)]).toEqual([
      1,
      expect.stringMatching(/^error: logs\/orch_runs\.jsonl: refused: /),
    ]);
  });
});
