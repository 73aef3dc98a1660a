// The queue commands, in the order --help lists them; runners/commands.ts appends them to the table.
import type { Command } from '../cli/command.js';
import { queueConsistencyCheck, queueStatus, queueWorkers } from './read-commands.js';
import { queueKpi } from './kpi-command.js';
import { queueCancel, queueReplan, queueRetry } from './mutate-commands.js';
import { queueExportMd, queueInitDb } from './admin-commands.js';

export const queueCommands: readonly Command[] = [
  queueStatus,
  queueWorkers,
  queueConsistencyCheck,
  queueKpi,
  queueCancel,
  queueReplan,
  queueRetry,
  queueInitDb,
  queueExportMd,
];
