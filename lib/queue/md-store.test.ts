// Given QUEUE.md behind memory ports, when a command or an export runs, then the plan is made and
// committed while the lock is held, and a malformed table or a refusal commits nothing.
import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import { auditStateOf, evolveAudit, type AuditLine } from './audit.js';
import { renderRow } from './markdown.js';
import type { MdPlan } from './md-plan.js';
import { exportMarkdownQueue, mutateMarkdownQueue, queueTextOf, type MdPorts } from './md-store.js';
import type { QueueRow } from './row.js';

const row = (id: string, status = 'PENDING'): QueueRow => ({
  id,
  status,
  priority: 'P1',
  task: `task ${id}`,
  success_criteria: 'ok',
  owner_session: '-',
  started_at_kst: '-',
  due_at_kst: '-',
  notes: '',
});
const HEADER =
  '| id | status | priority | task | success_criteria | owner_session | started_at_kst | due_at_kst | notes |';
const queueText = (rows: readonly QueueRow[]) =>
  ['# Q', '', HEADER, '|---|---|---|---|---|---|---|---|---|', ...rows.map(renderRow), ''].join('\n');

/** Ports over one text (null: no file), recording the lock, the audit lines and the texts written. */
const ports = (text: string | null, rewrite: 'ok' | 'fails' = 'ok') => {
  const log: string[] = [];
  const commits: Pick<MdPlan, 'text'>[] = [];
  const audit: AuditLine[] = [];
  const p: MdPorts = {
    shown: 'QUEUE.md',
    exists: async () => text !== null,
    readText: async () => (log.push('read'), text ?? ''),
    lock: async (fn) => {
      log.push('lock');
      try {
        return await fn();
      } finally {
        log.push('unlock');
      }
    },
    appendAudit: async (line) => void (log.push(`audit ${line.command}`), audit.push(line)),
    lastAudit: async () => audit.at(-1) ?? null,
    writeText: async (next) => {
      log.push('write');
      if (rewrite === 'fails') throw Object.assign(new Error('QUEUE.md: rename: EIO'), { code: 'EIO' });
      commits.push({ text: next });
    },
  };
  return { p, log, commits, audit };
};
const TS = '2026-02-10T03:00:00.000Z';

describe('a command on QUEUE.md', () => {
  it('given a pending row, when it is cancelled, then it is read, planned and committed under the lock', async () => {
    const { p, log, commits } = ports(queueText([row('A')]));
    expect(await mutateMarkdownQueue(p, { kind: 'cancel', id: 'A' }, TS)).toEqual(E.right('BLOCKED'));
    expect(log).toEqual(['lock', 'read', 'audit cancel', 'write', 'unlock']);
    expect(commits[0]?.text).toContain('| A | BLOCKED |');
  });

  it('given no such row, then the refusal names the row and the file, and nothing is committed', async () => {
    const { p, commits } = ports(queueText([row('A')]));
    const got = await mutateMarkdownQueue(p, { kind: 'retry', id: 'Z' }, TS);
    expect(E.isLeft(got) && got.left.details).toEqual(['Z not found in QUEUE.md']);
    expect(commits).toEqual([]);
  });

  it('given a row with a missing cell, then the failure points at its line and column', async () => {
    const { p } = ports(`${queueText([row('A')])}| B | PENDING |\n`);
    const got = await mutateMarkdownQueue(p, { kind: 'cancel', id: 'A' }, TS);
    expect(E.isLeft(got) && got.left.errorLine).toMatch(/^QUEUE\.md:6:\d+: /);
  });
});

describe('an export to QUEUE.md', () => {
  it('given no file yet, then a new QUEUE.md with the rows is committed without reading', async () => {
    const { p, log, commits } = ports(null);
    expect(await exportMarkdownQueue(p, [row('A'), row('B')], { db: 'q.db', ts: TS })).toEqual(E.right(2));
    expect(log).toEqual(['lock', 'audit export-md', 'write', 'unlock']);
    expect(commits[0]?.text).toContain('| B | PENDING |');
  });
});

describe('when the rewrite of QUEUE.md fails after the audit line was appended', () => {
  const fold = (rows: readonly QueueRow[], lines: readonly AuditLine[]) =>
    lines.reduce(evolveAudit, auditStateOf(rows)).rows;

  it('given a cancel, then a rollback line follows it and the audit folds to the unchanged file', async () => {
    const before = [row('A', 'IN_PROGRESS'), row('B')];
    const { p, log, audit } = ports(queueText(before), 'fails');
    await expect(mutateMarkdownQueue(p, { kind: 'cancel', id: 'A' }, TS)).rejects.toThrow('EIO');
    expect(log).toEqual(['lock', 'read', 'audit cancel', 'write', 'audit rollback', 'unlock']);
    expect(audit[1]).toMatchObject({
      command: 'rollback',
      id: 'A',
      status: 'IN_PROGRESS',
      reason: 'QUEUE.md: rename: EIO',
    });
    expect(fold(before, audit)).toEqual(before);
  });

  it('given an export, then the rollback line carries the previous rows', async () => {
    const before = [row('A', 'DONE')];
    const { p, audit } = ports(queueText(before), 'fails');
    await expect(exportMarkdownQueue(p, [row('A'), row('C')], { db: 'q.db', ts: TS })).rejects.toThrow('EIO');
    expect(audit.map((l) => l.command)).toEqual(['export-md', 'rollback']);
    expect(fold([], audit)).toEqual(before);
  });
});

describe('QUEUE.md as read', () => {
  it('is its text when it is UTF-8, and otherwise the reason, named as the operator wrote the path', () => {
    expect(queueTextOf('Q.md', { kind: 'bytes', bytes: Buffer.from('# Q\n') })).toEqual(E.right('# Q\n'));
    expect(queueTextOf('Q.md', { kind: 'bytes', bytes: Buffer.from([0xff, 0xfe, 0x00]) })).toEqual(
      E.left({ errorLine: 'Q.md: not valid UTF-8', details: [] }),
    );
    expect(queueTextOf('Q.md', { kind: 'missing' })).toEqual(
      E.left({ errorLine: 'Q.md: no such file', details: ['pass the queue with --queue PATH'] }),
    );
    const fifo = { kind: 'refused', reason: 'a FIFO' } as const;
    expect(queueTextOf('Q.md', { kind: 'problem', problem: fifo, bytes: 0 })).toEqual(
      E.left({ errorLine: 'Q.md: refused: a FIFO', details: [] }),
    );
  });
});
