// The flags of `fleet handoff` and their checks (reference names and messages; usage problems exit 64).
import type { Flag, Values } from '../cli/command.js';
import { str } from '../cli/command.js';
import { usageError } from '../cli/errors.js';
import type { ExecutionMode, Filters } from '../../lib/fleet/handoff-execute.js';

export const handoffFlags: Readonly<Record<string, Flag>> = {
  'idempotency-prefix': {
    type: 'string',
    arg: 'value',
    help: 'Idempotency prefix for generated intents (default: fleet-handoff).',
  },
  execute: {
    type: 'boolean',
    help: 'Execute the selected pending intents through loop control (requires --confirm).',
  },
  confirm: { type: 'boolean', help: 'Explicit operator confirmation; required with --execute.' },
  'autonomous-execute': {
    type: 'boolean',
    help: 'Dispatch only autonomous-eligible intents (guarded_auto in both the registry and the policy state).',
  },
  loop: {
    type: 'string',
    arg: 'id',
    multiple: true,
    help: 'Execute only intents of this loop (repeatable; unknown ids are refused).',
  },
  'intent-id': {
    type: 'string',
    arg: 'id',
    multiple: true,
    help: 'Execute only this intent (repeatable; unknown ids are refused).',
  },
  by: { type: 'string', arg: 'name', help: 'Operator identity for executed intents (default: $USER).' },
  note: { type: 'string', arg: 'text', help: 'Note attached to executed intents.' },
  'timeout-seconds': {
    type: 'string',
    arg: 'n',
    help: 'Confirmation timeout passed to loop control (default: 30).',
  },
  'interval-seconds': {
    type: 'string',
    arg: 'n',
    help: 'Confirmation poll interval passed to loop control (default: 2).',
  },
  'no-runtime-confirm': {
    type: 'boolean',
    help: 'Skip runtime confirmation polling when executing controls.',
  },
};

const list = (v: Values, name: string): string[] => {
  const x = v[name];
  const xs = Array.isArray(x) ? x : typeof x === 'string' ? [x] : [];
  if (xs.some((s) => s === '')) throw usageError(`--${name} requires a non-empty value`);
  return xs;
};

export interface HandoffOptions {
  readonly mode: ExecutionMode | null;
  readonly filters: Filters;
  readonly prefix: string;
  readonly timeoutSeconds: string;
  readonly intervalSeconds: string;
}

/** Parses the handoff flags; `--execute` without `--confirm` is refused before anything is read. */
const modeOf = (v: Values): ExecutionMode | null => {
  const execute = v['execute'] === true;
  const auto = v['autonomous-execute'] === true;
  if (execute && auto) throw usageError('--execute and --autonomous-execute are mutually exclusive');
  if (execute && v['confirm'] !== true)
    throw usageError('--execute requires --confirm to enforce explicit operator confirmation');
  return execute ? 'manual' : auto ? 'autonomous' : null;
};

export const handoffOptions = (v: Values): HandoffOptions => {
  const mode = modeOf(v);
  const prefix = str(v, 'idempotency-prefix') ?? 'fleet-handoff';
  if (prefix === '') throw usageError('--idempotency-prefix must be non-empty');
  const timeoutSeconds = str(v, 'timeout-seconds') ?? '30';
  const intervalSeconds = str(v, 'interval-seconds') ?? '2';
  if (!/^[0-9]+$/.test(timeoutSeconds) || !/^[0-9]+$/.test(intervalSeconds))
    throw usageError('timeout and interval must be non-negative integers');
  return {
    mode,
    filters: { loops: list(v, 'loop'), intentIds: list(v, 'intent-id') },
    prefix,
    timeoutSeconds,
    intervalSeconds,
  };
};
