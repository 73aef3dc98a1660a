// The flags of `loop control` and `loop confirm-intent` beyond the transport ones, parsed with the
// reference's messages.
import { existsSync } from 'node:fs';
import { controlIntents, type ControlIntent } from '../../../lib/loop/control-outcome.js';
import { validKey } from '../../../lib/loop/idempotency.js';
import { required, str, type Flag, type Values } from '../../cli/command.js';
import { CliError, usageError } from '../../cli/errors.js';
import type { LoopPaths } from '../../cli/loop-paths.js';

export const intentFlag: Flag = {
  type: 'string',
  arg: 'cancel|approve|reject',
  help: 'The intent (required).',
};
export const confirmFlags: Readonly<Record<string, Flag>> = {
  'timeout-seconds': { type: 'string', arg: 'n', help: 'Confirmation timeout in seconds (default: 30).' },
  'interval-seconds': {
    type: 'string',
    arg: 'n',
    help: 'Seconds between confirmation snapshots (default: 2; 0 means 1).',
  },
};

/** The --intent value (exit 64 when missing or not one of the three). */
export const intentOf = (v: Values): ControlIntent => {
  const intent = required(v, 'intent');
  if (!(controlIntents as readonly string[]).includes(intent))
    throw usageError('intent must be one of: cancel, approve, reject');
  return intent as ControlIntent;
};

/** --timeout-seconds and --interval-seconds (defaults 30 and 2). */
export const confirmTiming = (v: Values): { timeoutSeconds: number; intervalSeconds: number } => {
  const t = str(v, 'timeout-seconds') ?? '30';
  const i = str(v, 'interval-seconds') ?? '2';
  if (!/^[0-9]+$/.test(t) || !/^[0-9]+$/.test(i))
    throw usageError('timeout and interval must be non-negative integers');
  return { timeoutSeconds: Number(t), intervalSeconds: Number(i) };
};

/** --idempotency-key, checked; undefined when not given. */
export const keyOf = (v: Values): string | undefined => {
  const key = str(v, 'idempotency-key');
  if (key !== undefined && !validKey(key))
    throw usageError('--idempotency-key must be 1-200 printable characters without spaces');
  return key;
};

/** Fails (exit 1) when the repository does not exist, as the reference's `cd "$repo"` does. */
export const requireRepo = (p: LoopPaths): void => {
  if (!existsSync(p.repo)) throw new CliError(`repository not found: ${p.repo}`);
};
