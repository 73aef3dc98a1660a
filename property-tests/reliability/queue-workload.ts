// The queue lanes' shared shape (queue-md-workload.ts, queue-db-workload.ts), one per backend: `queue replan` (and sometimes `queue status`) over QUEUE.md and
// over the SQLite database. Each step replans a row with a note naming a fresh id (acknowledged once
// replan exited 0). Checked after every kill: each acknowledged note is in the row's notes exactly
// once; QUEUE.md parses, the audit log's complete lines parse; and the next replan succeeds (taking
// over the queue lock, or the database's, a kill left).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { copyFixture, runOk } from './command-lane.js';
import type { Layout, Workload } from './workload.js';

const AS_OF = '2026-02-10T03:00:00Z';
const QUEUE = join('automation', 'orchestrator', 'QUEUE.md');
const ROW = 'REL-102';

const notesIn = (text: string): string[] => [...text.matchAll(/replan:(\d+-\d+)/g)].map((m) => m[1] ?? '');

const dbIds = async (file: string): Promise<string[]> => {
  const { openSqlite } = await import('../../lib/io/sqlite.js');
  const db = openSqlite(file, { mode: 'read', busyMs: 10_000 });
  try {
    const rows = db.prepare('SELECT notes FROM queue_items').all() as { notes: string }[];
    return rows.flatMap((r) => notesIn(r.notes));
  } finally {
    db.close();
  }
};

export const queueWorkload = (backend: 'md' | 'db'): Workload => {
  const where = (dir: string): string[] => (backend === 'db' ? ['--db', join(dir, 'queue.db')] : []);
  return {
    name: `queue-${backend}`,
    setup: async (dir) => {
      await copyFixture('queue/mixed', dir);
      if (backend === 'db') {
        const { row, writeDb } = await import('../../runners/queue/test-kit.js');
        writeDb(join(dir, 'queue.db'), [row(ROW, { status: 'IN_PROGRESS' }), row('REL-900')]);
      }
    },
    step: async (ctx) => {
      const o = { cwd: ctx.dir, asOf: AS_OF };
      const id = ctx.nextId();
      await runOk(['queue', 'replan', ...where(ctx.dir), '--id', ROW, '--notes', id], o);
      await ctx.ack([id]);
      if (ctx.rng.chance(0.3)) await runOk(['queue', 'status', ...where(ctx.dir)], o);
    },
    layout: (dir): Layout => ({
      logs: [
        {
          file: join(dir, QUEUE),
          idOf: () => null,
          ids: async () =>
            backend === 'db' ? dbIds(join(dir, 'queue.db')) : notesIn(readFileSync(join(dir, QUEUE), 'utf8')),
        },
      ],
      outputs: [],
      checkpoints: [],
      locks: [join(dir, QUEUE)],
      scan: [join(dir, 'automation')],
      ageLocksUnder: join(dir, 'automation'),
    }),
  };
};
