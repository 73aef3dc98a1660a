// `queue init-db` (the reference's schema, as db_store.init_db applies it) and `queue export-md` (the
// SQLite queue rendered into QUEUE.md's table, as render_queue_md.py does, audited like any rewrite).
import type { Command } from '../cli/command.js';
import { asOfFlag, asOfOf } from '../cli/clock.js';
import { markdownRowOf } from '../../lib/queue/md-plan.js';
import { queueEnv } from './config.js';
import { domainFlags, QUEUE_NOTES } from './flags.js';
import { listRows } from '../../lib/queue/db-store.js';
import { initDb } from './db-store.js';
import { withDb } from './db-open.js';
import { exportMarkdown } from './md-store.js';
import { auditOf, confined, DEFAULT_QUEUE, given, pathArg } from './paths.js';
import { printLines } from './rows.js';

export const queueInitDb: Command = {
  path: ['queue', 'init-db'],
  title: 'create (or upgrade) the SQLite queue',
  usage: '[--db PATH]',
  summary:
    'Create the reference schema (queue_items, queue_events and their indexes) in --db, or add the lease and ' +
    'retry columns an older database lacks. Idempotent; leaves the database in WAL mode. Prints ' +
    '`initialized <path>` (`upgraded <path> added=<columns>` when columns were added).',
  flags: domainFlags,
  exits: { 0: 'ok', 1: 'the file is not a SQLite database or cannot be written', 64: 'usage error' },
  notes: ['--db defaults to ORCH_DB_PATH or automation/orchestrator/db/queue.db.', ...QUEUE_NOTES],
  async run(v, _pos, io) {
    const db = pathArg(io, given(v, 'db') ?? queueEnv(io.env).dbPath);
    await confined(db);
    const { added } = initDb(db);
    await printLines(io, [
      added.length === 0 ? `initialized ${db.display}` : `upgraded ${db.display} added=${added.join(',')}`,
    ]);
    return 0;
  },
};

export const queueExportMd: Command = {
  path: ['queue', 'export-md'],
  title: 'render the SQLite queue as the QUEUE.md table',
  usage: '[--db PATH] [--queue PATH]',
  summary:
    'Replace the rows of the `## Queue` table in --queue with the rows of --db (in db_store.list_items order), ' +
    'keeping every other line of the file; creates the file when it is missing. Prints `rendered <n> rows`.',
  flags: {
    ...domainFlags,
    'audit-log': {
      type: 'string',
      arg: 'PATH',
      help: 'Audit log to append the export to (default: logs/queue-audit.jsonl beside the queue).',
    },
    'as-of': asOfFlag,
  },
  exits: {
    0: 'ok',
    1: 'unreadable database or queue file',
    64: 'usage error',
    75: 'QUEUE.md stayed locked for 10 s',
  },
  notes: ['--db defaults to ORCH_DB_PATH or automation/orchestrator/db/queue.db.', ...QUEUE_NOTES],
  async run(v, _pos, io) {
    const db = pathArg(io, given(v, 'db') ?? queueEnv(io.env).dbPath);
    const queue = pathArg(io, given(v, 'queue') ?? DEFAULT_QUEUE);
    const rows = (await withDb(db, 'read', listRows)).map(markdownRowOf);
    const ts = new Date(asOfOf(v, io).ms).toISOString();
    await exportMarkdown(queue, auditOf(v, io, queue), rows, { db: db.display, ts });
    await printLines(io, [`rendered ${rows.length} rows`]);
    return 0;
  },
};
