// Flags shared by the loop read-path commands, with the reference scripts' names.
import type { Flag } from './command.js';
import { asOfFlag } from './clock.js';
import { EXIT } from './errors.js';

export const repoFlag: Flag = {
  type: 'string',
  arg: 'path',
  help: 'Repository root holding .superloop/. Default: the nearest folder holding .superloop/ at or above the working directory (a folder inside a repo resolves up to its root).',
};
export const loopFlag: Flag = { type: 'string', arg: 'id', help: 'Loop id: one path segment (required).' };
export const prettyFlag: Flag = { type: 'boolean', help: 'Pretty-print JSON output.' };
export const stateDirFlag: Flag = {
  type: 'string',
  arg: 'dir',
  help: "opsfold's own state (checkpoints, quarantine). Default: <repo>/.opsfold",
};
export const fromStartFlag: Flag = {
  type: 'boolean',
  help: 'Ignore saved cursors/checkpoints and read the events log from its first line.',
};
export const skipCorruptFlag: Flag = {
  type: 'boolean',
  help: 'Quarantine invalid lines (with file, line and byte offset) under the state dir and go on, instead of failing.',
};
export const traceIdFlag: Flag = {
  type: 'string',
  arg: 'id',
  help: 'Trace id copied into emitted envelopes.',
};

export const quietFlag: Flag = {
  type: 'boolean',
  help: 'No progress line on stderr (it is drawn only when stderr is a terminal anyway).',
};

export const maxLineBytesFlag: Flag = {
  type: 'string',
  arg: 'bytes',
  help: 'Longest log line read (default 67108864, 64 MiB); a longer line is corrupt (file:line:byte) and is never held in memory.',
};

export const readFlags = {
  repo: repoFlag,
  loop: loopFlag,
  'state-dir': stateDirFlag,
  'from-start': fromStartFlag,
  'skip-corrupt': skipCorruptFlag,
  'as-of': asOfFlag,
  'max-line-bytes': maxLineBytesFlag,
} as const;

export const readExits = {
  [EXIT.ok]: 'ok',
  [EXIT.error]:
    'bad input: missing artifact, invalid JSON (file:line:byte), corrupt line, truncated or rotated log',
  [EXIT.usage]: 'usage error: unknown flag, missing --repo/--loop, loop id with a path separator or ".."',
};
