// The queue as a stream. Law, for both backends: after any sequence of operator commands run through
// the real command table on a queue that started as rows0,
//   markdown: foldFrom(queueAuditProjection, auditStateOf(rows0), audit lines).rows == rows of QUEUE.md
//   sqlite:   foldDbEvents(rows0, queue_events written since).rows == rows of queue_items
// with one event per successful command, none for a refused one, no audit conflicts, and (markdown)
// every line of QUEUE.md that is not a table row byte-identical to before.
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import * as E from 'fp-ts/lib/Either.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { foldFrom } from '../lib/core/projection.js';
import { positionEvents } from '../lib/testing/given.js';
import { auditStateOf, decodeAuditLine, queueAuditProjection, type AuditLine } from '../lib/queue/audit.js';
import { foldDbEvents } from '../lib/queue/db-fold.js';
import { parseQueueMarkdown } from '../lib/queue/markdown.js';
import { STATUSES, type QueueRow } from '../lib/queue/row.js';
import {
  AS_OF,
  AS_OF_EPOCH,
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
} from '../runners/queue/test-kit.js';

const seed = Number(process.env.FC_SEED ?? 424242);
const IDS = ['Q-1', 'Q-2', 'Q-3', 'Q-4', 'Q-5'];

const cellArb = fc.stringMatching(/^[a-z0-9 :./_-]{0,10}$/);
const rowArb = (id: string): fc.Arbitrary<QueueRow & DbExtra> =>
  fc
    .record({
      status: fc.constantFrom(...STATUSES),
      priority: fc.constantFrom('P0', 'P1', 'P2'),
      owner_session: fc.constantFrom('-', 'worker:a', 'worker:b'),
      started_at_kst: fc.constantFrom('-', '2026-02-10 09:00'),
      notes: cellArb,
      attempt_count: fc.integer({ min: 0, max: 3 }),
      max_attempts: fc.integer({ min: 1, max: 3 }),
      lease_expires_at: fc.constantFrom(null, AS_OF_EPOCH - 60, AS_OF_EPOCH + 60),
    })
    .map((over) => ({ ...row(id), ...over }));

const queueArb = fc.subarray(IDS, { minLength: 1 }).chain((ids) => fc.tuple(...ids.map(rowArb)));

// Notes as an operator types them: pipes, padding, unicode, a leading dash.
const notesArb = fc.oneof(fc.string({ maxLength: 12 }), fc.constantFrom(' a | b ', '-x', '재계획', ''));
const commandArb = fc.oneof(
  fc.record({ kind: fc.constant('cancel'), id: fc.constantFrom(...IDS, 'Q-404') }),
  fc.record({ kind: fc.constant('retry'), id: fc.constantFrom(...IDS, 'Q-404') }),
  fc.record({ kind: fc.constant('replan'), id: fc.constantFrom(...IDS), notes: notesArb }),
);
type Cmd = { kind: string; id: string; notes?: string };
const argvOf = (c: Cmd): string[] => [
  c.kind,
  '--id',
  c.id,
  ...(c.notes === undefined ? [] : [`--notes=${c.notes}`]),
  '--as-of',
  AS_OF,
];

let dir = '';
let n = 0;
beforeAll(() => {
  dir = workDir();
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const outsideRows = (text: string): string[] => {
  const doc = parseQueueMarkdown(text);
  if (E.isLeft(doc)) throw new Error(doc.left.message);
  const rowLines = new Set(doc.right.rows.map((r) => r.index));
  return doc.right.lines.filter((_, i) => !rowLines.has(i)).map((l) => l.text);
};

describe('the markdown queue equals the fold of its audit lines', () => {
  it('for random command sequences', async () => {
    await fc.assert(
      fc.asyncProperty(queueArb, fc.array(commandArb, { maxLength: 6 }), async (rows, cmds) => {
        n += 1;
        const work = join(dir, `md-${n}`);
        const queue = join(work, 'QUEUE.md');
        writeQueue(queue, rows);
        const before = readFileSync(queue, 'utf8');
        const start = mdRows(queue);
        let ok = 0;
        for (const c of cmds)
          ok += (await run(work, 'queue', '--queue', 'QUEUE.md', ...argvOf(c))).code === 0 ? 1 : 0;
        const lines = auditLines(join(work, 'logs', 'queue-audit.jsonl')).map((l) => {
          const d = decodeAuditLine(l);
          if (E.isLeft(d)) throw new Error(d.left);
          return d.right;
        });
        const folded = foldFrom(queueAuditProjection, auditStateOf(start), positionEvents<AuditLine>(lines));
        expect(folded.rows).toEqual(mdRows(queue));
        expect([folded.events, folded.conflicts, folded.unseen]).toEqual([ok, 0, 0]);
        expect(outsideRows(readFileSync(queue, 'utf8'))).toEqual(outsideRows(before));
      }),
      { seed, numRuns: 25 },
    );
  });
});

describe('the SQLite queue equals the fold of its queue_events', () => {
  it('for random command sequences', async () => {
    await fc.assert(
      fc.asyncProperty(queueArb, fc.array(commandArb, { maxLength: 6 }), async (rows, cmds) => {
        n += 1;
        const work = join(dir, `db-${n}`);
        const db = join(work, 'queue.db');
        writeDb(db, rows);
        const start = dbRows(db);
        let ok = 0;
        for (const c of cmds)
          ok += (await run(work, 'queue', '--db', 'queue.db', ...argvOf(c))).code === 0 ? 1 : 0;
        const events = dbEvents(db);
        const folded = foldDbEvents(start, events);
        expect(folded.rows).toEqual(dbRows(db));
        expect([events.length, folded.applied, folded.unknown]).toEqual([ok, ok, 0]);
      }),
      { seed, numRuns: 25 },
    );
  });
});
