// Shared by the queue tests: temp work dirs, a QUEUE.md or a reference-schema database holding given
// rows, and the queue commands run in-process through the real command table.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import Database from 'better-sqlite3';
import * as E from 'fp-ts/lib/Either.js';
import { commands } from '../commands.js';
import { runCaptured, type Ran } from '../cli/capture.js';
import { parseQueueMarkdown, renderRow } from '../../lib/queue/markdown.js';
import { ROW_FIELDS, type DbRow, type QueueRow } from '../../lib/queue/row.js';
import { initDb } from './db-store.js';

export const AS_OF = '2026-02-10T03:00:00Z';
export const AS_OF_EPOCH = Date.parse(AS_OF) / 1000;
export const AS_OF_KST = '2026-02-10 12:00';

export const workDir = (): string => mkdtempSync(join(tmpdir(), 'opsfold-queue-'));

export const runWith = (cwd: string, env: NodeJS.ProcessEnv, ...argv: string[]): Promise<Ran> =>
  runCaptured(commands, argv, { cwd, env, now: () => Date.parse(AS_OF) });

export const run = (cwd: string, ...argv: string[]): Promise<Ran> => runWith(cwd, {}, ...argv);

export const row = (id: string, over: Partial<QueueRow & DbExtra> = {}): QueueRow & DbExtra => ({
  id,
  status: 'PENDING',
  priority: 'P1',
  task: `task ${id}`,
  success_criteria: 'checks pass',
  owner_session: '-',
  started_at_kst: '-',
  due_at_kst: '-',
  notes: '',
  ...over,
});

/** A QUEUE.md with prose before and after the table. */
export const queueText = (rows: readonly QueueRow[]): string =>
  [
    '# Test Queue',
    '',
    'Prose before the table.',
    '',
    '## Queue',
    '',
    `| ${ROW_FIELDS.join(' | ')} |`,
    '|---|---|---|---|---|---|---|---|---|',
    ...rows.map(renderRow),
    '',
    '## After',
    'prose after',
    '',
  ].join('\n');

export const writeQueue = (file: string, rows: readonly QueueRow[]): void => {
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, queueText(rows));
};

export const mdRows = (file: string): QueueRow[] => {
  const doc = parseQueueMarkdown(readFileSync(file, 'utf8'));
  if (E.isLeft(doc)) throw new Error(doc.left.message);
  return doc.right.rows.map((r) => r.row);
};

/** Extra SQLite columns for a row (lease, attempts); the rest come from the markdown row. */
export type DbExtra = Partial<
  Pick<DbRow, 'lease_owner' | 'lease_expires_at' | 'attempt_count' | 'max_attempts'>
>;

/** A database created by init-db holding the rows, inserted as migrate_md_to_db.py inserts them. */
export const writeDb = (file: string, rows: readonly (QueueRow & DbExtra)[]): void => {
  initDb({ file, display: file, root: dirname(file) });
  const db = new Database(file);
  const insert = db.prepare(
    `INSERT INTO queue_items(${ROW_FIELDS.join(', ')}, created_at, updated_at, lease_owner, lease_expires_at,
       attempt_count, max_attempts) VALUES(${ROW_FIELDS.map(() => '?').join(', ')}, ?, ?, ?, ?, ?, ?)`,
  );
  for (const r of rows)
    insert.run(
      ...ROW_FIELDS.map((f) => r[f]),
      '2026-02-09 09:00',
      '2026-02-09 09:00',
      r.lease_owner ?? null,
      r.lease_expires_at ?? null,
      r.attempt_count ?? 0,
      r.max_attempts ?? 3,
    );
  db.close();
};

export const dbRows = (file: string): DbRow[] => {
  const db = new Database(file, { readonly: true });
  try {
    return db.prepare('SELECT * FROM queue_items ORDER BY rowid').all() as DbRow[];
  } finally {
    db.close();
  }
};

export const dbEvents = (
  file: string,
): { event_id: number; item_id: string; event_type: string; payload_json: string; created_at: string }[] => {
  const db = new Database(file, { readonly: true });
  try {
    return db.prepare('SELECT * FROM queue_events ORDER BY event_id').all() as never;
  } finally {
    db.close();
  }
};

export const auditLines = (file: string): Record<string, unknown>[] => {
  if (!existsSync(file)) return [];
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => JSON.parse(l) as Record<string, unknown>);
};
