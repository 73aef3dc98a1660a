// The flags the queue commands share. Every subcommand declares --queue and --db, so the reference's
// order `opsfold queue --db F status` works (main.ts moves domain flags behind the subcommand).
import type { Flag } from '../cli/command.js';
import { asOfFlag } from '../cli/clock.js';
import { DEFAULT_QUEUE } from './paths.js';

export const domainFlags: Readonly<Record<string, Flag>> = {
  queue: { type: 'string', arg: 'PATH', help: `Markdown queue (default: ${DEFAULT_QUEUE}).` },
  db: { type: 'string', arg: 'PATH', help: 'Use the SQLite queue at PATH instead of the markdown queue.' },
};

/** The commands that print a document: the reference's lines by default, JSON with --json. */
export const jsonFlag: Flag = {
  type: 'boolean',
  help: 'Print the answer as one JSON document (contracts/queue-<command>.schema.json) instead of lines.',
};

export const mutationFlags: Readonly<Record<string, Flag>> = {
  ...domainFlags,
  id: { type: 'string', arg: 'ID', help: 'The row to change (required), e.g. ORCH-013.' },
  'audit-log': {
    type: 'string',
    arg: 'PATH',
    help: 'Markdown mode: audit log to append to (default: logs/queue-audit.jsonl beside the queue).',
  },
  'as-of': asOfFlag,
};

export const QUEUE_EXITS: Readonly<Record<number, string>> = {
  0: 'ok',
  1: 'refused (unknown id, terminal or ineligible row), unreadable queue, malformed table or bad schema',
  64: 'usage error',
  75: 'the queue stayed locked by another process for 10 s',
};

export const QUEUE_NOTES: readonly string[] = [
  'Environment (as the reference): ORCH_BASE_DIR, ORCH_DB_PATH, ORCH_LOG_PATH, ORCH_TZ_OFFSET (default 9),',
  'ORCH_TOP_IN_PROGRESS (default 5). Paths are relative to the current directory.',
];
