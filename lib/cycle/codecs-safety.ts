// The safety inputs of one ops cycle, as the origin writes them: the emergency stop, the execution gate,
// the real-enable window log, the execution allowlist, and the runner's own lock file. The codecs
// document the shapes for contracts/; how a missing or unreadable file is read is lib/cycle/safety.ts.
import * as E from 'fp-ts/lib/Either.js';
import * as t from 'io-ts';
import { decode, nullable } from '../core/codec.js';

/** `state/emergency_stop.json` (EMERGENCY_STOP_V1); older files say `active` instead of `enabled`. */
export const EmergencyStop = t.intersection(
  [
    t.UnknownRecord,
    t.partial({
      schema: t.string,
      enabled: t.boolean,
      active: t.boolean,
      updated_at: t.string,
      updated_by: t.string,
      reason: t.string,
    }),
  ],
  'EmergencyStop',
);

/** `state/execution_gate.json` (EXECUTION_GATE_V1): mode MOCK_ONLY | DRY_RUN | REAL (origin: REAL_ENABLED). */
export const ExecutionGate = t.intersection(
  [
    t.type({ mode: t.keyof({ MOCK_ONLY: null, DRY_RUN: null, REAL: null, REAL_ENABLED: null }) }),
    t.partial({ schema: t.string, updated_at: t.string, updated_by: t.string, reason: t.string }),
  ],
  'ExecutionGate',
);

/** A CREATE line of the window log: a window for some request types until `expires_at`. */
export const WindowCreate = t.intersection(
  [
    t.type({
      event: t.literal('CREATE'),
      window_id: t.string,
      created_at: t.string,
      expires_at: t.string,
    }),
    t.partial({
      schema: t.string,
      allowed_request_types: t.array(t.string),
      max_real_executions: t.number,
      real_executions_used: t.number,
      created_by: t.string,
      reason: t.string,
      status: t.string,
    }),
  ],
  'WindowCreate',
);

/** A CONSUME line: one REAL execution used the window. */
export const WindowConsume = t.intersection(
  [
    t.type({ event: t.literal('CONSUME'), window_id: t.string }),
    t.partial({ schema: t.string, consumed_at: t.string }),
  ],
  'WindowConsume',
);

/** A REVOKE line: the window was withdrawn before it expired. */
export const WindowRevoke = t.intersection(
  [
    t.type({ event: t.literal('REVOKE'), window_id: t.string }),
    t.partial({ schema: t.string, revoked_at: t.string, reason: t.string }),
  ],
  'WindowRevoke',
);

/** One line of `state/real_enable_windows/real_enable_windows.jsonl` (REAL_ENABLE_WINDOW_V1). */
export const WindowEvent = t.union([WindowCreate, WindowConsume, WindowRevoke], 'WindowEvent');
export type WindowEvent = t.TypeOf<typeof WindowEvent>;

/** Pure: a window line, or why it is not one. */
export const decodeWindowEvent = (value: unknown): E.Either<string, WindowEvent> =>
  E.mapLeft((e: { message: string }) => e.message)(decode(WindowEvent, value));

/**
 * One request type's rule. `requires_real` and `preflight_paths` are opsfold's additions (the origin's
 * file has neither): a type with `requires_real: true` is never run in MOCK_ONLY or DRY_RUN (GATE_BLOCKED),
 * and `required_inputs` plus `preflight_paths` must exist under the root before a REAL run (PREFLIGHT_FAIL).
 */
export const AllowlistRule = t.partial(
  {
    real_command_allowlist: t.array(t.array(t.string)),
    expected_outputs_allowlist: t.array(t.string),
    required_inputs: t.array(t.string),
    preflight_paths: t.array(t.string),
    requires_real: t.boolean,
  },
  'AllowlistRule',
);
export type AllowlistRule = t.TypeOf<typeof AllowlistRule>;

/** `docs/contracts/execution_allowlist_v1.json` (REAL_EXECUTION_ALLOWLIST_V1). */
export const ExecutionAllowlist = t.intersection(
  [
    t.type({ allowed_request_types: t.array(t.string) }),
    t.partial({
      schema: t.string,
      version: t.string,
      asof: t.string,
      description: t.string,
      rules: t.record(t.string, AllowlistRule),
    }),
  ],
  'ExecutionAllowlist',
);
export type ExecutionAllowlist = t.TypeOf<typeof ExecutionAllowlist>;

/**
 * `state/ops_runner.lock`: the origin's `{run_id, locked_at}`, created exclusively. opsfold adds what the
 * next cycle needs to recognise a crash: the ticket it selected and the receipt log's line count before
 * the worker ran.
 */
export const OpsRunnerLock = t.intersection(
  [
    t.type({ run_id: t.string, locked_at: t.string }),
    t.partial({
      pid: t.number,
      host: t.string,
      selected_request_id: nullable(t.string),
      receipts_lines_before: t.number,
      results_lines_before: t.number,
    }),
  ],
  'OpsRunnerLock',
);
export type OpsRunnerLock = t.TypeOf<typeof OpsRunnerLock>;
