// Flags every fleet command shares, with the reference scripts' names.
import type { Flag } from '../cli/command.js';
import { asOfFlag } from '../cli/clock.js';
import { prettyFlag, repoFlag, stateDirFlag } from '../cli/common-flags.js';

export const baseFlags: Readonly<Record<string, Flag>> = {
  repo: repoFlag,
  pretty: prettyFlag,
  'state-dir': {
    ...stateDirFlag,
    help: "opsfold's own fleet state (fold checkpoints). Default: <repo>/.opsfold",
  },
  'as-of': asOfFlag,
};

export const traceFlag = (help: string): Record<string, Flag> => ({
  'trace-id': { type: 'string', arg: 'id', help },
});

export const fromStartFoldFlag: Record<string, Flag> = {
  'from-start': {
    type: 'boolean',
    help: 'Refold the fleet telemetry logs from their first line (after a log was rotated or truncated).',
  },
};
