// The flags of `fleet handoff` (reference names); their checks are lib/fleet/handoff-options (usage
// problems exit 64).
import * as E from 'fp-ts/lib/Either.js';
import { handoffOptionsOf, type HandoffOptions } from '../../lib/fleet/handoff-options.js';
import type { Flag, Values } from '../cli/command.js';
import { usageError } from '../cli/errors.js';

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
    help: 'Dispatch only autonomous-eligible intents (the policy state must be guarded_auto).',
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

/** Parses the handoff flags; `--execute` without `--confirm` is refused before anything is read. */
export const handoffOptions = (v: Values): HandoffOptions => {
  const o = handoffOptionsOf(v);
  if (E.isLeft(o)) throw usageError(o.left);
  return o.right;
};
