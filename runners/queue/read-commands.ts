// `queue status`, `queue workers` and `queue consistency-check`: read the rows, print the reference's lines.
import type { Command } from '../cli/command.js';
import { consistencyLines, statusDoc, statusLines, workersDoc, workersLines } from '../../lib/queue/views.js';
import { queueEnv } from './config.js';
import { DEFAULT_QUEUE, given, pathArg } from './paths.js';
import { domainFlags, jsonFlag, QUEUE_EXITS, QUEUE_NOTES } from './flags.js';
import { printAnswer, rowsFor, rowsOf } from './rows.js';

const readExits = {
  0: 'ok',
  1: QUEUE_EXITS[1] ?? '',
  64: 'usage error',
  75: 'the database stayed locked by a writer for 10 s',
};

export const queueStatus: Command = {
  path: ['queue', 'status'],
  title: 'counts by status and the first IN_PROGRESS rows',
  usage: '[--queue PATH | --db PATH] [--json]',
  summary:
    'Print `summary PENDING=… IN_PROGRESS=… BLOCKED=… FAILED=… DONE=…`, then `top_in_progress:` with the first ' +
    '5 IN_PROGRESS rows in queue order (`- <id> (<priority>) owner=<owner> started=<started>`), or ' +
    '`top_in_progress: none`. Read-only.',
  flags: { ...domainFlags, json: jsonFlag },
  exits: readExits,
  notes: QUEUE_NOTES,
  async run(v, _pos, io) {
    const env = queueEnv(io.env);
    const rows = await rowsFor(v, io);
    await printAnswer(io, v, statusDoc(rows, env.top), statusLines(rows, env.top));
    return 0;
  },
};

export const queueWorkers: Command = {
  path: ['queue', 'workers'],
  title: 'IN_PROGRESS rows grouped by owner session',
  usage: '[--queue PATH | --db PATH] [--json]',
  summary:
    'Print `workers_active=<n> in_progress=<m>`, then per owner (sorted) `- <owner> tasks=<k> p0=<a> p1=<b> ' +
    'p2=<c> ids=<id1,id2,...> oldest_start=<time>`, or `workers: none`. Read-only.',
  flags: { ...domainFlags, json: jsonFlag },
  exits: readExits,
  notes: QUEUE_NOTES,
  async run(v, _pos, io) {
    queueEnv(io.env);
    const rows = await rowsFor(v, io);
    await printAnswer(io, v, workersDoc(rows), workersLines(rows));
    return 0;
  },
};

export const queueConsistencyCheck: Command = {
  path: ['queue', 'consistency-check'],
  title: 'compare QUEUE.md with the SQLite queue',
  usage: '[--queue-path PATH] [--db-path PATH] [--json]',
  summary:
    'Compare QUEUE.md rows with queue_items (status, priority, owner_session, started_at_kst, due_at_kst). ' +
    'Print `consistency ok total=<n>`, or `consistency mismatch missing_in_db=<a> missing_in_md=<b> ' +
    'field_mismatch=<c>` and up to 20 `- missing_in_db <id>`, 20 `- missing_in_md <id>` and 30 ' +
    '`- mismatch <id>:<field>:md=<x> db=<y>` lines, and exit 1.',
  flags: {
    ...domainFlags,
    'queue-path': { type: 'string', arg: 'PATH', help: 'Markdown queue to compare (default: --queue).' },
    'db-path': {
      type: 'string',
      arg: 'PATH',
      help: 'SQLite queue to compare (default: --db, else ORCH_DB_PATH or automation/orchestrator/db/queue.db).',
    },
    json: jsonFlag,
  },
  exits: { 0: 'consistent', 1: 'a mismatch, or a queue could not be read', 64: 'usage error' },
  notes: QUEUE_NOTES,
  async run(v, _pos, io) {
    const env = queueEnv(io.env);
    const queue = pathArg(io, given(v, 'queue-path') ?? given(v, 'queue') ?? DEFAULT_QUEUE);
    const db = pathArg(io, given(v, 'db-path') ?? given(v, 'db') ?? env.dbPath);
    const md = await rowsOf({ kind: 'markdown', queue });
    const result = consistencyLines(md, await rowsOf({ kind: 'sqlite', db }));
    await printAnswer(io, v, result.doc, result.lines);
    return result.ok ? 0 : 1;
  },
};
