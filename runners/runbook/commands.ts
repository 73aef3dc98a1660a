// The runbook commands, in the order --help lists them; runners/commands.ts appends them to the table.
import type { Command } from '../cli/command.js';
import { runbookCheckpoint } from './checkpoint.js';
import { runbookClean } from './clean.js';
import { runbookPolicy } from './policy.js';
import { runbookReady } from './ready.js';
import { runbookRollback } from './rollback.js';
import { runbookCleanrun, runbookRun } from './run.js';
import { runbookSummary } from './summary.js';
import { runbookTest } from './test-mode.js';

export const runbookCommands: readonly Command[] = [
  runbookSummary,
  runbookPolicy,
  runbookTest,
  runbookRun,
  runbookCleanrun,
  runbookCheckpoint,
  runbookRollback,
  runbookClean,
  runbookReady,
];
