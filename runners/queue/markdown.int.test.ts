// QUEUE.md on disk: a mutation changes the touched row's bytes and no other byte (CRLF, hand-typed rows
// and prose included), audits before it rewrites, and every unreadable queue fails with one clear line.
import { cpSync, existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { withLock } from '../../lib/io/lock.js';
import { AS_OF, auditLines, mdRows, run, workDir } from './test-kit.js';

let work = '';
const queue = () => join(work, 'automation/orchestrator/QUEUE.md');
const audit = () => join(work, 'automation/orchestrator/logs/queue-audit.jsonl');
const fixture = (name: string) =>
  cpSync(new URL(`../../fixtures/queue/${name}`, import.meta.url), work, { recursive: true });

beforeEach(() => {
  work = workDir();
});
afterEach(() => rmSync(work, { recursive: true, force: true }));

const lines = (b: Buffer) => b.toString('utf8').split('\r\n');

describe('when a row of a hand-edited CRLF queue is cancelled', () => {
  it('changes that row only: every other line keeps its bytes, CRLF endings included', async () => {
    fixture('idle-crlf');
    const before = readFileSync(queue());
    const out = await run(work, 'queue', 'cancel', '--id', 'DOC-2', '--as-of', AS_OF);
    expect([out.code, out.stdout]).toEqual([0, 'DOC-2 -> BLOCKED\n']);
    const after = readFileSync(queue());
    const [b, a] = [lines(before), lines(after)];
    expect(a).toHaveLength(b.length);
    const changed = a.map((l, i) => (l === b[i] ? -1 : i)).filter((i) => i >= 0);
    expect(changed).toHaveLength(1);
    expect(b[changed[0] ?? 0]).toBe(
      '|DOC-2|PENDING|P2|Screenshots for the CLI page|12 screenshots, dark and light|-|-|-| |',
    );
    expect(a[changed[0] ?? 0]).toBe(
      '| DOC-2 | BLOCKED | P2 | Screenshots for the CLI page | 12 screenshots, dark and light | - | - | - | cancelled_by_operator |',
    );
  });

  it('appends one audit line with the cells it changed, which folds to the new row', async () => {
    fixture('idle-crlf');
    await run(work, 'queue', 'retry', '--id', 'DOC-4', '--as-of', AS_OF);
    expect(auditLines(audit())).toEqual([
      {
        ts: '2026-02-10T03:00:00.000Z',
        command: 'retry',
        queue: 'automation/orchestrator/QUEUE.md',
        id: 'DOC-4',
        line: 12,
        status: 'PENDING',
        from: { status: 'BLOCKED', owner_session: '-', started_at_kst: '-', notes: 'waiting for legal' },
        to: {
          status: 'PENDING',
          owner_session: '-',
          started_at_kst: '-',
          notes: 'waiting for legal / retry_requested',
        },
      },
    ]);
    expect(mdRows(queue()).find((r) => r.id === 'DOC-4')?.notes).toBe('waiting for legal / retry_requested');
  });

  it('writes the audit line where --audit-log says and leaves no lock behind', async () => {
    fixture('idle-crlf');
    await run(work, 'queue', 'cancel', '--id', 'DOC-5', '--audit-log', 'audit/ops.jsonl');
    expect(auditLines(join(work, 'audit/ops.jsonl'))).toHaveLength(1);
    expect(existsSync(`${queue()}.lock`)).toBe(false);
  });
});

describe('when the queue cannot be read', () => {
  it('names the file, line and column of a row with ten cells, and changes nothing', async () => {
    fixture('malformed');
    const before = readFileSync(queue());
    const out = await run(work, 'queue', 'cancel', '--id', 'INC-9');
    expect(out.code).toBe(1);
    expect(out.stderr.split('\n')[0]).toBe(
      'error: automation/orchestrator/QUEUE.md:8:99: Expected 9 cells in row, got 10: ' +
        '| INC-8 | PENDING | P1 | Write the incident timeline | timeline reviewed | - | - | - | owner: sre | comms |',
    );
    expect(readFileSync(queue())).toEqual(before);
    expect(existsSync(audit())).toBe(false);
  });

  it('says the header is missing, with the prefix it looks for', async () => {
    writeFileSync(join(work, 'Q.md'), '# Queue\n\n| a | b |\n');
    const out = await run(work, 'queue', '--queue', 'Q.md', 'status');
    expect([out.code, out.stderr]).toEqual([
      1,
      'error: Q.md: Queue table header not found\n  expected a line starting with "| id | status | priority | task |"\n',
    ]);
  });

  it('names a missing file and creates nothing for a mutation', async () => {
    const out = await run(work, 'queue', '--queue', 'nowhere/QUEUE.md', 'retry', '--id', 'X');
    expect([out.code, out.stderr.split('\n')[0]]).toEqual([1, 'error: nowhere/QUEUE.md: no such file']);
    expect(existsSync(join(work, 'nowhere'))).toBe(false);
  });

  it('refuses bytes that are not UTF-8', async () => {
    writeFileSync(join(work, 'Q.md'), Buffer.from([0x23, 0xff, 0x0a]));
    const out = await run(work, 'queue', '--queue', 'Q.md', 'workers');
    expect([out.code, out.stderr]).toEqual([1, 'error: Q.md: not valid UTF-8\n']);
  });
});

describe('when another writer keeps the queue locked past the 10 s wait', () => {
  it('gives up with exit 75 and changes nothing', async () => {
    fixture('idle-crlf');
    const before = readFileSync(queue());
    const out = await withLock(queue(), { waitMs: 0 }, () => run(work, 'queue', 'cancel', '--id', 'DOC-5'));
    expect([out.code, out.stderr.split('\n')[0]]).toEqual([
      75,
      `error: lock held by another process: ${queue()}.lock`,
    ]);
    expect(readFileSync(queue())).toEqual(before);
    expect(existsSync(audit())).toBe(false);
  });
});
