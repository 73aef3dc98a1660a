// Flags several runbook commands share, with the wording --help prints.
import type { Flag } from '../cli/command.js';

export const rootFlag: Flag = {
  type: 'string',
  arg: 'path',
  help: 'The TOS root (holds config_v0_3.json, logs/, workspace/). Required.',
};

export const summaryFileFlag: Flag = {
  type: 'string',
  arg: 'path',
  help: 'SummaryFile JSON (relative to the root); the one-line TXT goes beside it. Default: logs/last_run_summary.json',
};
