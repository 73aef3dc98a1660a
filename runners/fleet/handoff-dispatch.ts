// Dispatching one handoff intent through the loop manager's own control command, in-process: the
// fleet trace id and the intent's idempotency key travel into the loop's control telemetry and
// invocation audit, the transport and service settings come from the registry, and the service token
// stays in the environment variable the registry names (never in argv or on disk). A key the loop
// has already run is answered from its idempotency ledger instead of acting twice.
import { outcomeOfExit, type DispatchResult } from '../../lib/fleet/handoff-execute.js';
import type { Intent } from '../../lib/fleet/handoff-plan.js';
import { at, compact, isObject } from '../../lib/fleet/json.js';
import type { Io } from '../cli/command.js';
import type { LoopSteps } from '../cli/loop-steps.js';
import type { Clock } from '../cli/run-clock.js';

export interface DispatchContext {
  readonly repo: string;
  readonly traceId: string;
  readonly by: string;
  readonly note: string;
  readonly timeoutSeconds: string;
  readonly intervalSeconds: string;
  readonly runtimeConfirm: boolean;
  readonly asOf: string | undefined;
  readonly stateDir: string | undefined;
  readonly io: Io;
  readonly clock: Clock;
  readonly loop: LoopSteps;
}

const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);

const serviceArgs = (i: Intent): string[] => {
  if (i.transport !== 'sprite_service') return [];
  const token = str(at(i.service, 'tokenEnv'));
  return [
    '--service-base-url',
    String(at(i.service, 'baseUrl')),
    '--retry-attempts',
    String(at(i.service, 'retryAttempts') ?? 3),
    '--retry-backoff-seconds',
    String(at(i.service, 'retryBackoffSeconds') ?? 1),
    ...(token === undefined ? [] : ['--service-token-env', token]),
  ];
};

const argvOf = (i: Intent, c: DispatchContext): string[] => [
  'loop',
  'control',
  '--repo',
  c.repo,
  '--loop',
  i.loopId,
  '--intent',
  i.intent,
  '--transport',
  i.transport,
  '--trace-id',
  c.traceId,
  '--idempotency-key',
  i.idempotencyKey,
  '--by',
  c.by,
  '--note',
  c.note === '' ? `fleet_handoff:${i.intentId}` : `${c.note} | fleet_handoff:${i.intentId}`,
  '--timeout-seconds',
  c.timeoutSeconds,
  '--interval-seconds',
  c.intervalSeconds,
  ...(c.runtimeConfirm ? [] : ['--no-confirm']),
  ...serviceArgs(i),
  ...(c.asOf === undefined ? [] : ['--as-of', c.asOf]),
  ...(c.stateDir === undefined ? [] : ['--state-dir', c.stateDir]),
];

/** Why an intent cannot be dispatched at all (null: dispatch it). */
const blockedOf = (i: Intent, env: NodeJS.ProcessEnv): string | null => {
  if (i.transport === 'sprite_service' && str(at(i.service, 'baseUrl')) === undefined)
    return 'missing_service_base_url';
  const token = str(at(i.service, 'tokenEnv'));
  return token !== undefined && (env[token] ?? '') === '' ? 'missing_service_token_env' : null;
};

const controlOf = (stdout: string): Record<string, unknown> | null => {
  try {
    const v = JSON.parse(stdout) as unknown;
    if (!isObject(v)) return null;
    return compact({
      status: v['status'] ?? null,
      confirmed: v['confirmed'] ?? null,
      exitCode: v['exitCode'] ?? null,
      confirmExitCode: v['confirmExitCode'] ?? null,
      reasonCode: v['reasonCode'] ?? null,
      replayed: v['replayed'] ?? null,
    });
  } catch {
    return null;
  }
};

/** Dispatches one intent; the result records how it ended (never throws for a failed control). */
export const dispatchIntent = async (i: Intent, c: DispatchContext): Promise<DispatchResult> => {
  const base = {
    intentId: i.intentId,
    loopId: i.loopId,
    intent: i.intent,
    traceId: c.traceId,
    idempotencyKey: i.idempotencyKey,
    requestedBy: c.by,
  };
  const blocked = blockedOf(i, c.io.env);
  if (blocked !== null)
    return {
      ...base,
      executedAt: c.clock.iso(),
      status: 'failed',
      reasonCode: blocked,
      controlExitCode: 1,
      control: null,
    };
  const ran = await c.loop.control(argvOf(i, c), c.io);
  return {
    ...base,
    executedAt: c.clock.iso(),
    ...outcomeOfExit(ran.code),
    controlExitCode: ran.code,
    control: controlOf(ran.stdout),
  };
};
