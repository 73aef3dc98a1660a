// `queue cancel`, `queue replan` and `queue retry`: one row changes, one event is recorded (an audit
// line for QUEUE.md, a queue_events row for SQLite), and `<id> -> <STATUS>` is printed. A refusal
// prints the reference's message and exits 1 with nothing written.
import * as E from 'fp-ts/lib/Either.js';
import type { Command, Io, Values } from '../cli/command.js';
import { str } from '../cli/command.js';
import { asOfOf } from '../cli/clock.js';
import { usageError } from '../cli/errors.js';
import type { QueueCommand } from '../../lib/queue/decide.js';
import { dbClockOf } from '../../lib/queue/kst.js';
import { queueEnv } from './config.js';
import { mutationFlags, QUEUE_EXITS, QUEUE_NOTES } from './flags.js';
import { mutateDb } from '../../lib/queue/db-store.js';
import { withDb } from './db-open.js';
import { auditOf, backendOf } from './paths.js';
import { mutateMarkdown, refusalError } from './md-store.js';
import { printLines } from './rows.js';

const need = (v: Values, name: string): string => {
  const x = str(v, name);
  if (x === undefined) throw usageError(`--${name} is required`);
  return x;
};

const execute = async (v: Values, io: Io, cmd: QueueCommand): Promise<number> => {
  const env = queueEnv(io.env);
  const asOf = asOfOf(v, io);
  const b = backendOf(v, io);
  let status: string;
  if (b.kind === 'sqlite') {
    const clock = dbClockOf(asOf.ms, env.tzOffset);
    const decided = await withDb(b.db, 'write', (db) => mutateDb(db, cmd, clock));
    if (E.isLeft(decided)) throw refusalError(decided.left, cmd.id, b.db.display);
    status = decided.right.status;
  } else {
    const ts = new Date(asOf.ms).toISOString();
    status = await mutateMarkdown(b.queue, auditOf(v, io, b.queue), cmd, ts);
  }
  await printLines(io, [`${cmd.id} -> ${status}`]);
  return 0;
};

const usage = '[--queue PATH | --db PATH] --id ID';

export const queueCancel: Command = {
  path: ['queue', 'cancel'],
  title: 'stop an active row (-> BLOCKED)',
  usage,
  summary:
    'Move the row to BLOCKED and append `cancelled_by_operator` to its notes; DONE and FAILED rows are ' +
    'refused. Prints `<id> -> BLOCKED`.',
  flags: mutationFlags,
  exits: QUEUE_EXITS,
  notes: QUEUE_NOTES,
  run: (v, _pos, io) => execute(v, io, { kind: 'cancel', id: need(v, 'id') }),
};

export const queueReplan: Command = {
  path: ['queue', 'replan'],
  title: 'record a replan (IN_PROGRESS -> BLOCKED, else -> PENDING)',
  usage: `${usage} --notes TEXT`,
  summary:
    'Append `replan:<notes>` to the notes; an IN_PROGRESS row moves to BLOCKED, any other to PENDING (in db ' +
    'mode also clearing owner, start time and lease). Prints `<id> -> <STATUS>`.',
  flags: { ...mutationFlags, notes: { type: 'string', arg: 'TEXT', help: 'Why (required).' } },
  exits: QUEUE_EXITS,
  notes: QUEUE_NOTES,
  run: (v, _pos, io) => execute(v, io, { kind: 'replan', id: need(v, 'id'), notes: need(v, 'notes') }),
};

export const queueRetry: Command = {
  path: ['queue', 'retry'],
  title: 'return a failed row to PENDING',
  usage,
  summary:
    'Markdown: FAILED or BLOCKED rows only; owner and start time reset to `-`, `retry_requested` appended. ' +
    'SQLite (RELIABILITY_POLICY): FAILED or lease-expired IN_PROGRESS rows while attempt_count < ' +
    'max_attempts; attempt_count + 1, owner and lease cleared, `retry_not_before=<epoch>` appended with ' +
    'the 60/180/600 s backoff. Prints `<id> -> PENDING`.',
  flags: mutationFlags,
  exits: QUEUE_EXITS,
  notes: QUEUE_NOTES,
  run: (v, _pos, io) => execute(v, io, { kind: 'retry', id: need(v, 'id') }),
};
