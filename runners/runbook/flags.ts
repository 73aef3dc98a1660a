// Flags several runbook commands share, with the wording --help prints.
import type { Flag } from '../cli/command.js';

export const rootFlag: Flag = {
  type: 'string',
  arg: 'path',
  help: 'The TOS root (holds config_v0_3.json, logs/, workspace/). Required.',
};

/** --json of a runbook command that prints lines by default; `contract` names its schema. */
export const jsonReportFlag = (contract: string): Flag => ({
  type: 'boolean',
  help: `Print the result as one JSON document (contracts/${contract}.schema.json) instead of the lines.`,
});

export const summaryFileFlag: Flag = {
  type: 'string',
  arg: 'path',
  help: 'SummaryFile JSON (relative to the root); the one-line TXT goes beside it. Default: logs/last_run_summary.json',
};
