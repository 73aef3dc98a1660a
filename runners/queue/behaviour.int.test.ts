// One behaviour suite, two backends: every case gives the same queue rows to QUEUE.md and to a SQLite
// database, runs the same command through the real command table, and checks the printed lines, the
// exit code, the row afterwards and the one event recorded (an audit line, or a queue_events row).
// Where ops.py treats the backends differently (notes separator as rendered, retry rules, owner reset
// on replan), the case says so with a per-backend expectation.
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { QueueRow } from '../../lib/queue/row.js';
import {
  AS_OF,
  AS_OF_EPOCH,
  AS_OF_KST,
  auditLines,
  dbEvents,
  dbRows,
  mdRows,
  row,
  run,
  workDir,
  writeDb,
  writeQueue,
  type DbExtra,
} from './test-kit.js';

interface Then {
  readonly code: number;
  readonly stdout?: string;
  readonly error?: string;
  readonly row?: Partial<QueueRow> & DbExtra;
  /** The event recorded: audit `command` / queue_events `event_type`, or none. */
  readonly event?: string | null;
}
interface Case {
  readonly name: string;
  readonly given: readonly (QueueRow & DbExtra)[];
  readonly when: readonly string[];
  readonly then: Then | { readonly markdown: Then; readonly sqlite: Then };
}

const W = 'worker:a';
const T = '2026-02-10 09:00';
const cases: Case[] = [
  {
    name: 'status counts rows and lists the first five IN_PROGRESS rows in queue order',
    given: [
      ...['Q-1', 'Q-2', 'Q-3', 'Q-4', 'Q-5', 'Q-6'].map((id) =>
        row(id, { status: 'IN_PROGRESS', owner_session: W, started_at_kst: T }),
      ),
      row('Q-7', { status: 'FAILED' }),
    ],
    when: ['status'],
    then: {
      code: 0,
      stdout: [
        'summary PENDING=0 IN_PROGRESS=6 BLOCKED=0 FAILED=1 DONE=0',
        'top_in_progress:',
        ...['Q-1', 'Q-2', 'Q-3', 'Q-4', 'Q-5'].map((id) => `- ${id} (P1) owner=${W} started=${T}`),
        '',
      ].join('\n'),
    },
  },
  {
    name: 'workers groups IN_PROGRESS rows by owner',
    given: [
      row('Q-1', { status: 'IN_PROGRESS', owner_session: 'w2', priority: 'P0', started_at_kst: T }),
      row('Q-2', { status: 'IN_PROGRESS', owner_session: 'w1' }),
      row('Q-3', { status: 'IN_PROGRESS', owner_session: 'w2', priority: 'P2' }),
    ],
    when: ['workers'],
    then: {
      code: 0,
      stdout:
        'workers_active=2 in_progress=3\n- w1 tasks=1 p0=0 p1=1 p2=0 ids=Q-2 oldest_start=-\n' +
        `- w2 tasks=2 p0=1 p1=0 p2=1 ids=Q-1,Q-3 oldest_start=${T}\n`,
    },
  },
  {
    name: 'cancel blocks a pending row and appends cancelled_by_operator',
    given: [row('Q-1', { notes: 'needs review' })],
    when: ['cancel', '--id', 'Q-1'],
    then: {
      markdown: {
        code: 0,
        stdout: 'Q-1 -> BLOCKED\n',
        row: { status: 'BLOCKED', notes: 'needs review / cancelled_by_operator' },
        event: 'cancel',
      },
      sqlite: {
        code: 0,
        stdout: 'Q-1 -> BLOCKED\n',
        row: { status: 'BLOCKED', notes: 'needs review | cancelled_by_operator' },
        event: 'blocked',
      },
    },
  },
  {
    name: 'cancel refuses a DONE row and writes nothing',
    given: [row('Q-1', { status: 'DONE' })],
    when: ['cancel', '--id', 'Q-1'],
    then: {
      code: 1,
      error: 'error: cannot cancel terminal item: Q-1 (DONE)',
      row: { status: 'DONE' },
      event: null,
    },
  },
  {
    name: 'replan blocks an IN_PROGRESS row and keeps its owner',
    given: [row('Q-1', { status: 'IN_PROGRESS', owner_session: W, started_at_kst: T })],
    when: ['replan', '--id', 'Q-1', '--notes', 'split scope'],
    then: {
      markdown: {
        code: 0,
        stdout: 'Q-1 -> BLOCKED\n',
        row: { status: 'BLOCKED', owner_session: W, notes: 'replan:split scope' },
        event: 'replan',
      },
      sqlite: {
        code: 0,
        stdout: 'Q-1 -> BLOCKED\n',
        row: { status: 'BLOCKED', owner_session: W, notes: 'replan:split scope' },
        event: 'blocked',
      },
    },
  },
  {
    name: 'replan sends a BLOCKED row to PENDING (db mode also releases owner and lease)',
    given: [
      row('Q-1', {
        status: 'BLOCKED',
        owner_session: W,
        started_at_kst: T,
        notes: 'x',
        lease_owner: W,
        lease_expires_at: 1,
      }),
    ],
    when: ['replan', '--id', 'Q-1', '--notes', ' wait for schema '],
    then: {
      markdown: {
        code: 0,
        stdout: 'Q-1 -> PENDING\n',
        row: { status: 'PENDING', owner_session: W, started_at_kst: T, notes: 'x / replan:wait for schema' },
        event: 'replan',
      },
      sqlite: {
        code: 0,
        stdout: 'Q-1 -> PENDING\n',
        row: {
          status: 'PENDING',
          owner_session: '-',
          started_at_kst: '-',
          notes: 'x | replan:wait for schema',
          lease_owner: null,
          lease_expires_at: null,
        },
        event: 'replan',
      },
    },
  },
  {
    name: 'retry returns a FAILED row to PENDING (db mode counts the attempt and sets the backoff)',
    given: [
      row('Q-1', {
        status: 'FAILED',
        owner_session: W,
        started_at_kst: T,
        notes: 'timeout',
        attempt_count: 1,
      }),
    ],
    when: ['retry', '--id', 'Q-1'],
    then: {
      markdown: {
        code: 0,
        stdout: 'Q-1 -> PENDING\n',
        row: {
          status: 'PENDING',
          owner_session: '-',
          started_at_kst: '-',
          notes: 'timeout / retry_requested',
        },
        event: 'retry',
      },
      sqlite: {
        code: 0,
        stdout: 'Q-1 -> PENDING\n',
        row: {
          status: 'PENDING',
          owner_session: '-',
          started_at_kst: '-',
          notes: `timeout | retry_not_before=${AS_OF_EPOCH + 180}`,
          attempt_count: 2,
        },
        event: 'retried',
      },
    },
  },
  {
    name: 'retry of a BLOCKED row: allowed in markdown mode, refused in db mode',
    given: [row('Q-1', { status: 'BLOCKED' })],
    when: ['retry', '--id', 'Q-1'],
    then: {
      markdown: {
        code: 0,
        stdout: 'Q-1 -> PENDING\n',
        row: { status: 'PENDING', notes: 'retry_requested' },
        event: 'retry',
      },
      sqlite: {
        code: 1,
        error: 'error: retry allowed only for FAILED or timed-out IN_PROGRESS in db mode: Q-1 (BLOCKED)',
        row: { status: 'BLOCKED' },
        event: null,
      },
    },
  },
  {
    name: 'retry of an IN_PROGRESS row whose lease expired: refused in markdown mode, allowed in db mode',
    given: [
      row('Q-1', {
        status: 'IN_PROGRESS',
        owner_session: W,
        started_at_kst: T,
        lease_owner: W,
        lease_expires_at: AS_OF_EPOCH - 1,
      }),
    ],
    when: ['retry', '--id', 'Q-1'],
    then: {
      markdown: {
        code: 1,
        error: 'error: retry allowed only for FAILED/BLOCKED in markdown mode: Q-1 (IN_PROGRESS)',
        row: { status: 'IN_PROGRESS' },
        event: null,
      },
      sqlite: {
        code: 0,
        stdout: 'Q-1 -> PENDING\n',
        row: { status: 'PENDING', owner_session: '-', lease_owner: null, attempt_count: 1 },
        event: 'retried',
      },
    },
  },
  {
    name: 'retry stops at max_attempts in db mode',
    given: [row('Q-1', { status: 'FAILED', attempt_count: 3, max_attempts: 3 })],
    when: ['retry', '--id', 'Q-1'],
    then: {
      markdown: { code: 0, stdout: 'Q-1 -> PENDING\n', row: { status: 'PENDING' }, event: 'retry' },
      sqlite: {
        code: 1,
        error: 'error: max attempts reached: Q-1 (3/3)',
        row: { status: 'FAILED' },
        event: null,
      },
    },
  },
  {
    name: 'an unknown id is refused with the reference text, naming the queue',
    given: [row('Q-1')],
    when: ['cancel', '--id', 'Q-404'],
    then: { code: 1, error: 'error: Row id not found: Q-404', event: null },
  },
  {
    name: 'replan without --notes is a usage error',
    given: [row('Q-1')],
    when: ['replan', '--id', 'Q-1'],
    then: { code: 64, error: 'error: --notes is required', row: { status: 'PENDING' }, event: null },
  },
];

let work = '';
beforeEach(() => {
  work = workDir();
});
afterEach(() => rmSync(work, { recursive: true, force: true }));

const backends = {
  markdown: {
    setup: (rows: Case['given']) => writeQueue(join(work, 'automation/orchestrator/QUEUE.md'), rows),
    argv: (when: readonly string[]) => ['queue', ...when, ...(when.length > 1 ? ['--as-of', AS_OF] : [])],
    row: (id: string) => mdRows(join(work, 'automation/orchestrator/QUEUE.md')).find((r) => r.id === id),
    events: () =>
      auditLines(join(work, 'automation/orchestrator/logs/queue-audit.jsonl')).map((l) =>
        String(l['command']),
      ),
  },
  sqlite: {
    setup: (rows: Case['given']) => writeDb(join(work, 'q.db'), rows),
    argv: (when: readonly string[]) => [
      'queue',
      '--db',
      'q.db',
      ...when,
      ...(when.length > 1 ? ['--as-of', AS_OF] : []),
    ],
    row: (id: string) => dbRows(join(work, 'q.db')).find((r) => r.id === id),
    events: () => dbEvents(join(work, 'q.db')).map((e) => e.event_type),
  },
} as const;

describe.each(['markdown', 'sqlite'] as const)('the %s backend', (kind) => {
  const b = backends[kind];
  it.each(cases)('$name', async (c) => {
    const then = 'code' in c.then ? c.then : c.then[kind];
    b.setup(c.given);
    const out = await run(work, ...b.argv(c.when));
    expect(out.code, out.stderr).toBe(then.code);
    if (then.stdout !== undefined) expect(out.stdout).toBe(then.stdout);
    if (then.error !== undefined) expect(out.stderr.split('\n')[0]).toBe(then.error);
    if (then.code !== 0) expect(out.stdout).toBe('');
    if (then.row !== undefined) expect(b.row(c.given[0]?.id ?? '')).toMatchObject(then.row);
    if (then.event !== undefined) expect(b.events()).toEqual(then.event === null ? [] : [then.event]);
  });
});

describe('the sqlite backend records the reference event rows', () => {
  it('writes payload_json as Python json.dumps(sort_keys=True) and the KST minute as created_at', async () => {
    writeDb(join(work, 'q.db'), [row('Q-1', { status: 'FAILED', notes: 'net "down"' })]);
    expect((await run(work, 'queue', '--db', 'q.db', 'retry', '--id', 'Q-1', '--as-of', AS_OF)).code).toBe(0);
    const [event] = dbEvents(join(work, 'q.db'));
    expect(event).toMatchObject({
      item_id: 'Q-1',
      event_type: 'retried',
      payload_json: `{"notes": "net \\"down\\" | retry_not_before=${AS_OF_EPOCH + 60}", "reason": "operator_retry"}`,
      created_at: AS_OF_KST,
    });
    expect(dbRows(join(work, 'q.db'))[0]?.updated_at).toBe(AS_OF_KST);
  });
});
