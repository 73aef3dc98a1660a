// A control request as both transports carry it, and the defaults the reference applies: the actor is
// $USER, the trace id a fresh uuid (or OPS_MANAGER_TRACE_ID), the idempotency key
// `<intent>-<epoch>-<pid>` (plus a random suffix, so two runs in one second never share a key).
import { randomBytes, randomUUID } from 'node:crypto';
import type { ControlIntent } from '../../../lib/loop/control-outcome.js';

export type { ControlRequestFields } from '../../../lib/loop/control-context.js';

/** A new idempotency key for `intent` at `asOfMs`. */
export const generatedKey = (intent: ControlIntent, asOfMs: number): string =>
  `${intent}-${Math.floor(asOfMs / 1000)}-${process.pid}-${randomBytes(3).toString('hex')}`;

/** The trace id: the given one, else OPS_MANAGER_TRACE_ID, else a new uuid. */
export const traceIdOf = (given: string | undefined, env: NodeJS.ProcessEnv): string =>
  given !== undefined && given !== ''
    ? given
    : env['OPS_MANAGER_TRACE_ID'] !== undefined && env['OPS_MANAGER_TRACE_ID'] !== ''
      ? env['OPS_MANAGER_TRACE_ID']
      : randomUUID();
