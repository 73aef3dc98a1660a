// The runbook commands, in the order --help lists them; runners/commands.ts appends them to the table.
// A step of lib/runbook that cannot go on throws RunbookError; it is printed as the command's `error:`.
import { RunbookError } from '../../lib/runbook/runbook-error.js';
import type { Command } from '../cli/command.js';
import { CliError, EXIT } from '../cli/errors.js';
import { runbookCheckpoint } from './checkpoint.js';
import { runbookClean } from './clean.js';
import { runbookPolicy } from './policy.js';
import { runbookRollback } from './rollback.js';
import { runbookSummary } from './summary.js';
import { runbookTest } from './test-mode.js';

const withRunbookErrors = (c: Command): Command => ({
  ...c,
  run: async (v, pos, io) => {
    try {
      return await c.run(v, pos, io);
    } catch (err) {
      if (!(err instanceof RunbookError)) throw err;
      throw new CliError(err.errorLine, err.details, err.usage ? EXIT.usage : EXIT.error);
    }
  },
});

export const runbookCommands: readonly Command[] = [
  runbookSummary,
  runbookPolicy,
  runbookTest,
  runbookCheckpoint,
  runbookRollback,
  runbookClean,
].map(withRunbookErrors);
