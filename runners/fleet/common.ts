// Flags every fleet command shares, with the reference scripts' names.
import { randomUUID } from 'node:crypto';
import { str, type Flag, type Io, type Values } from '../cli/command.js';
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

/** The fleet trace id: the flag, else the document's own, else OPS_MANAGER_TRACE_ID, else a new uuid. */
export const fleetTraceOf = (v: Values, io: Io, fallback: string | null = null): string =>
  str(v, 'trace-id') || fallback || io.env['OPS_MANAGER_TRACE_ID'] || randomUUID();
