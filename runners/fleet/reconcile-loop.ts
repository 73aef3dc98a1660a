// One loop of a fleet reconcile, run in-process through the loop manager's own reconcile pass over the
// loop's transport from the registry. The loop's trace id is derived from the fleet's; its service
// token is named by `service.tokenEnv` and stays in the environment (never in argv or on disk). A pass
// that throws (bad settings, the loop's lock held) is a failed loop, not a failed fleet.
import { join } from 'node:path';
import { stableJson } from '../../lib/core/stable-json.js';
import { LockConflict } from '../../lib/io/lock.js';
import { loopTraceId, precheckOf, type LoopRun } from '../../lib/fleet/reconcile.js';
import { decodePassDocument } from '../../lib/fleet/reconcile-views.js';
import type { FleetLoop } from '../../lib/fleet/registry-types.js';
import type { Io, Values } from '../cli/command.js';
import { CliError } from '../cli/errors.js';
import type { LoopSteps } from '../cli/loop-steps.js';
import type { Clock } from '../cli/run-clock.js';

export interface LoopRunContext {
  readonly repo: string;
  readonly fleetTraceId: string;
  readonly maxEvents: string | undefined;
  readonly fromStart: boolean;
  readonly asOf: string | undefined;
  readonly stateDir: string | undefined;
  readonly io: Io;
  readonly clock: Clock;
  readonly loop: LoopSteps;
}

const filesOf = (repo: string, loopId: string) => {
  const dir = join(repo, '.superloop', 'ops-manager', loopId);
  return {
    stateFile: join(dir, 'state.json'),
    healthFile: join(dir, 'health.json'),
    cursorFile: join(dir, 'cursor.json'),
    reconcileTelemetryFile: join(dir, 'telemetry', 'reconcile.jsonl'),
  };
};

/** The `loop reconcile` flags for one registry loop (the token by env name only). */
const valuesOf = (loop: FleetLoop, c: LoopRunContext, traceId: string): Values => ({
  repo: c.repo,
  loop: loop.loopId,
  transport: loop.transport,
  'trace-id': traceId,
  ...(c.maxEvents === undefined ? {} : { 'max-events': c.maxEvents }),
  ...(c.fromStart ? { 'from-start': true } : {}),
  ...(c.asOf === undefined ? {} : { 'as-of': c.asOf }),
  ...(c.stateDir === undefined ? {} : { 'state-dir': c.stateDir }),
  ...(loop.transport === 'sprite_service'
    ? {
        'service-base-url': loop.service.baseUrl,
        'retry-attempts': String(loop.service.retryAttempts),
        'retry-backoff-seconds': String(loop.service.retryBackoffSeconds),
        ...(loop.service.tokenEnv === undefined ? {} : { 'service-token-env': loop.service.tokenEnv }),
      }
    : {}),
});

const messageOf = (err: unknown): string => {
  if (err instanceof CliError) return [`error: ${err.errorLine}`, ...err.details].join(' ');
  if (err instanceof LockConflict) return `error: ${err.message}`;
  return `error: ${err instanceof Error ? err.message : String(err)}`;
};

const pass = async (loop: FleetLoop, c: LoopRunContext, traceId: string) => {
  try {
    const r = await c.loop.reconcile(valuesOf(loop, c, traceId), c.io);
    const notes = r.notes.map((n) => `note: ${n}`);
    const failure = r.ok ? [] : [`error: reconcile failed: ${r.health.transport.failureCode ?? 'unknown'}`];
    const document = r.ok ? r.state : r.health;
    return {
      ok: r.ok,
      document: decodePassDocument(document),
      output: [...notes, ...failure, stableJson(document, false)].join('\n'),
    };
  } catch (err) {
    return { ok: false, document: decodePassDocument(null), output: messageOf(err) };
  }
};

/** Runs one registry loop's reconcile pass (or records why it was not run). */
export const runLoop = async (loop: FleetLoop, c: LoopRunContext): Promise<LoopRun> => {
  const traceId = loopTraceId(c.fleetTraceId, loop.loopId);
  const startedAt = c.clock.iso();
  const startMs = c.io.now();
  const tokenEnv = loop.service.tokenEnv;
  const precheck = precheckOf(loop, tokenEnv === undefined || (c.io.env[tokenEnv] ?? '') !== '');
  const r =
    precheck === null
      ? await pass(loop, c, traceId)
      : { ok: false, document: decodePassDocument(null), output: '' };
  return {
    loop,
    traceId,
    startedAt,
    timestamp: c.clock.iso(),
    durationSeconds: Math.max(0, Math.floor((c.io.now() - startMs) / 1000)),
    precheck,
    ...r,
    files: filesOf(c.repo, loop.loopId),
  };
};
