// Given a queue in either backend, when a command that prints a document runs with --json, then stdout
// is one JSON document that its contract codec accepts, with the numbers the text would print, and the
// exit code is the text's (consistency-check still exits 1 on a mismatch, kpi 2 with --fail-on-alert).
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as E from 'fp-ts/lib/Either.js';
import type * as t from 'io-ts';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  QueueConsistencyDoc,
  QueueKpiDoc,
  QueueStatusDoc,
  QueueWorkersDoc,
} from '../../lib/queue/view-codecs.js';
import { AS_OF, row, run, workDir, writeDb, writeQueue } from './test-kit.js';

const QUEUE = 'automation/orchestrator/QUEUE.md';
const rows = [
  row('Q-1', { status: 'IN_PROGRESS', owner_session: 'ses-b', started_at_kst: '2026-02-10 09:00' }),
  row('Q-2', { status: 'IN_PROGRESS', owner_session: 'ses-a', priority: 'P0' }),
  row('Q-3', { status: 'DONE' }),
];
let work = '';
beforeEach(() => {
  work = workDir();
  writeQueue(join(work, QUEUE), rows);
  writeDb(join(work, 'q.db'), rows);
});
afterEach(() => rmSync(work, { recursive: true, force: true }));

const json = async (codec: t.Mixed, ...argv: string[]) => {
  const out = await run(work, 'queue', ...argv, '--json');
  const doc: unknown = JSON.parse(out.stdout);
  expect(E.isRight(codec.decode(doc)), out.stdout).toBe(true);
  return { code: out.code, doc };
};

describe.each([
  ['markdown', []],
  ['sqlite', ['--db', 'q.db']],
] as const)('with --json on the %s backend', (_kind, backend) => {
  it('status prints the counts and the first IN_PROGRESS rows', async () => {
    expect(await json(QueueStatusDoc, ...backend, 'status')).toMatchObject({
      code: 0,
      doc: {
        summary: { PENDING: 0, IN_PROGRESS: 2, BLOCKED: 0, FAILED: 0, DONE: 1 },
        // In the backend's queue order: table order, or db_store.list_items' (priority first).
        top_in_progress: expect.arrayContaining([
          { id: 'Q-1', priority: 'P1', owner_session: 'ses-b', started_at_kst: '2026-02-10 09:00' },
          { id: 'Q-2', priority: 'P0', owner_session: 'ses-a', started_at_kst: '-' },
        ]),
      },
    });
  });

  it('workers prints one entry per owner, sorted', async () => {
    const { code, doc } = await json(QueueWorkersDoc, ...backend, 'workers');
    expect([code, doc]).toEqual([
      0,
      {
        workers_active: 2,
        in_progress: 2,
        workers: [
          { owner: 'ses-a', tasks: 1, p0: 1, p1: 0, p2: 0, ids: ['Q-2'], oldest_start: null },
          { owner: 'ses-b', tasks: 1, p0: 0, p1: 1, p2: 0, ids: ['Q-1'], oldest_start: '2026-02-10 09:00' },
        ],
      },
    ]);
  });
});

describe('consistency-check --json', () => {
  it('given agreeing queues, then ok; given a differing row, then every difference and exit 1', async () => {
    expect(await json(QueueConsistencyDoc, 'consistency-check', '--db-path', 'q.db')).toMatchObject({
      code: 0,
      doc: { ok: true, total: 3 },
    });
    writeQueue(join(work, QUEUE), [{ ...rows[0]!, status: 'BLOCKED' }, rows[1]!]);
    expect(await json(QueueConsistencyDoc, 'consistency-check', '--db-path', 'q.db')).toEqual({
      code: 1,
      doc: {
        ok: false,
        total: 2,
        missing_in_db: [],
        missing_in_md: ['Q-3'],
        field_mismatch: [{ id: 'Q-1', field: 'status', md: 'BLOCKED', db: 'IN_PROGRESS' }],
      },
    });
  });
});

describe('kpi --json', () => {
  it('prints the numbers (null where the text prints -) and the alerts, exit 2 with --fail-on-alert', async () => {
    const log = join(work, 'automation/orchestrator/logs/orch_runs.jsonl');
    mkdirSync(join(log, '..'), { recursive: true });
    const end = (command: string, ms: number) =>
      JSON.stringify({ event: 'run_end', command, exit_code: 0, duration_ms: ms });
    writeFileSync(log, `${[end('done', 100), end('fail', 300)].join('\n')}\n`);
    const got = await json(QueueKpiDoc, 'kpi', '--db-path', 'q.db', '--as-of', AS_OF, '--fail-on-alert');
    expect(got).toEqual({
      code: 2,
      doc: {
        success_rate: 0.5,
        latency_p95_ms: 100,
        latency_avg_ms: 200,
        retry_count: 0,
        stale_in_progress: 1,
        alerts: ['failure_rate=0.5000 exceeds 0.2000', 'stale_in_progress=1 exceeds 0'],
      },
    });
  });
});
