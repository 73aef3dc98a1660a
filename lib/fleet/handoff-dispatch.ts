// Dispatching handoff intents through the loop manager's own control command, over a port: the fleet
// trace id and each intent's idempotency key travel into the loop's control telemetry and invocation
// audit, the transport and service settings come from the registry, and the service token stays in the
// environment variable the registry names (never in argv or on disk). A key the loop has already run is
// answered from its idempotency ledger instead of acting twice. The runner builds the port over the
// loop's steps (in-process `loop control`); a test builds it in memory.
import { compact, isObject } from './json.js';
import {
  applyExecution,
  outcomeOfExit,
  targetsOf,
  type DispatchResult,
  type ExecutionMode,
} from './handoff-execute.js';
import type { HandoffOptions } from './handoff-options.js';
import type { HandoffPlan, Intent } from './handoff-plan.js';

/** Environment variables (the command's, or a test's). */
export type Env = Readonly<Record<string, string | undefined>>;

/** What executing a plan needs from the edge. */
export interface HandoffControlPorts {
  /** `opsfold loop control <argv…>` run to completion: its exit code and stdout. */
  control(argv: readonly string[]): Promise<{ readonly code: number; readonly stdout: string }>;
  readonly env: Env;
  /** Now, in the reference's second-precision ISO form. */
  iso(): string;
}

/** Where and how the intents run: the repo, the trace, and the flags passed on to loop control. */
export interface DispatchSettings {
  readonly repo: string;
  readonly traceId: string;
  readonly asOf: string | undefined;
  readonly stateDir: string | undefined;
}

const nonEmpty = (v: string | undefined): string | undefined => (v === undefined || v === '' ? undefined : v);

const serviceArgs = (i: Intent): string[] => {
  if (i.transport !== 'sprite_service') return [];
  const token = nonEmpty(i.service.tokenEnv);
  return [
    '--service-base-url',
    String(i.service.baseUrl),
    '--retry-attempts',
    String(i.service.retryAttempts),
    '--retry-backoff-seconds',
    String(i.service.retryBackoffSeconds),
    ...(token === undefined ? [] : ['--service-token-env', token]),
  ];
};

/** Pure: the `loop control` argv for one intent. */
export const controlArgv = (i: Intent, s: DispatchSettings, o: HandoffOptions, by: string): string[] => [
  'loop',
  'control',
  '--repo',
  s.repo,
  '--loop',
  i.loopId,
  '--intent',
  i.intent,
  '--transport',
  i.transport,
  '--trace-id',
  s.traceId,
  '--idempotency-key',
  i.idempotencyKey,
  '--by',
  by,
  '--note',
  o.note === '' ? `fleet_handoff:${i.intentId}` : `${o.note} | fleet_handoff:${i.intentId}`,
  '--timeout-seconds',
  o.timeoutSeconds,
  '--interval-seconds',
  o.intervalSeconds,
  ...(o.runtimeConfirm ? [] : ['--no-confirm']),
  ...serviceArgs(i),
  ...(s.asOf === undefined ? [] : ['--as-of', s.asOf]),
  ...(s.stateDir === undefined ? [] : ['--state-dir', s.stateDir]),
];

/** Pure: why an intent cannot be dispatched at all (null: dispatch it). */
export const blockedOf = (i: Intent, env: Env): string | null => {
  if (i.transport === 'sprite_service' && nonEmpty(i.service.baseUrl) === undefined)
    return 'missing_service_base_url';
  const token = nonEmpty(i.service.tokenEnv);
  return token !== undefined && (env[token] ?? '') === '' ? 'missing_service_token_env' : null;
};

/** Pure: what the control printed, kept to the fields the handoff state records (null: not JSON). */
export const controlOf = (stdout: string): Record<string, unknown> | null => {
  let v: unknown;
  try {
    v = JSON.parse(stdout) as unknown;
  } catch {
    return null;
  }
  if (!isObject(v)) return null;
  return compact({
    status: v['status'] ?? null,
    confirmed: v['confirmed'] ?? null,
    exitCode: v['exitCode'] ?? null,
    confirmExitCode: v['confirmExitCode'] ?? null,
    reasonCode: v['reasonCode'] ?? null,
    replayed: v['replayed'] ?? null,
  });
};

interface Dispatch {
  readonly ports: HandoffControlPorts;
  readonly settings: DispatchSettings;
  readonly options: HandoffOptions;
  readonly by: string;
}

/** Dispatches one intent; the result records how it ended (never throws for a failed control). */
const dispatchIntent = async (i: Intent, d: Dispatch): Promise<DispatchResult> => {
  const base = {
    intentId: i.intentId,
    loopId: i.loopId,
    intent: i.intent,
    traceId: d.settings.traceId,
    idempotencyKey: i.idempotencyKey,
    requestedBy: d.by,
  };
  const blocked = blockedOf(i, d.ports.env);
  if (blocked !== null)
    return {
      ...base,
      executedAt: d.ports.iso(),
      status: 'failed',
      reasonCode: blocked,
      controlExitCode: 1,
      control: null,
    };
  const ran = await d.ports.control(controlArgv(i, d.settings, d.options, d.by));
  return {
    ...base,
    executedAt: d.ports.iso(),
    ...outcomeOfExit(ran.code),
    controlExitCode: ran.code,
    control: controlOf(ran.stdout),
  };
};

/** Dispatches the plan's targets for `mode` one by one and returns the handoff state with their outcomes. */
export const executePlan = async (
  plan: HandoffPlan,
  mode: ExecutionMode,
  d: {
    readonly ports: HandoffControlPorts;
    readonly settings: DispatchSettings;
    readonly options: HandoffOptions;
  },
) => {
  const targets = targetsOf(plan, mode, d.options.filters);
  const requestedAt = d.ports.iso();
  const by = d.options.by ?? d.ports.env['USER'] ?? 'unknown';
  const results: DispatchResult[] = [];
  for (const t of targets) results.push(await dispatchIntent(t, { ...d, by }));
  const execution = {
    mode,
    requestedBy: by,
    requestedAt,
    completedAt: d.ports.iso(),
    note: d.options.note,
    requestedIntentCount: targets.length,
  };
  return applyExecution(plan, execution, results);
};
