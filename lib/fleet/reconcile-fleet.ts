// A fleet reconcile as one step over ports: every registry loop's reconcile pass (the loop manager's own,
// run in-process by the runner over the loop's transport) with bounded concurrency, a pass that fails
// or throws being a failed loop and not a failed fleet, then the rollup and the effects that record it.
// Each loop's trace id is derived from the fleet's; its service token is named by `service.tokenEnv`
// and stays in the environment (never in argv or on disk).
import type * as E from 'fp-ts/lib/Either.js';
import { isLeft } from 'fp-ts/lib/Either.js';
import { stableJson } from '../core/stable-json.js';
import type { Env } from './handoff-dispatch.js';
import { mapBounded } from './pool.js';
import { loopTraceId, precheckOf, type LoopRun } from './reconcile.js';
import { reconcileOrder, reconcileRun, type ReconcileFiles } from './reconcile-run.js';
import { decodePassDocument } from './reconcile-views.js';
import type { FleetLoop, NormalizedRegistry } from './registry-types.js';

/** What one loop's pass answered: its exit, the document it printed (state, or health on failure). */
export interface LoopPassOutcome {
  readonly ok: boolean;
  readonly document: unknown;
  readonly failureCode: string | null | undefined;
  readonly notes: readonly string[];
}

/** The `loop reconcile` flag values of one pass. */
export type LoopPassValues = Readonly<Record<string, string | boolean | undefined>>;

export interface FleetReconcilePorts {
  /** Runs one loop's reconcile pass; a pass that throws is `left` with its `error:` message. */
  pass(values: LoopPassValues): Promise<E.Either<string, LoopPassOutcome>>;
  /** The loop's own ops-manager directory under the repo. */
  loopDir(loopId: string): string;
  readonly env: Env;
  /** Now, in the reference's second-precision ISO form (anchored at --as-of). */
  iso(): string;
  /** The wall clock, for durations only. */
  now(): number;
}

export interface FleetReconcileOptions {
  readonly repo: string;
  readonly fleetTraceId: string;
  readonly maxParallel: number;
  readonly deterministicOrder: boolean;
  readonly maxEvents: string | undefined;
  readonly fromStart: boolean;
  readonly asOf: string | undefined;
  readonly stateDir: string | undefined;
  readonly files: ReconcileFiles;
}

/** Pure: the `loop reconcile` flags for one registry loop (the token by env name only). */
export const passValuesOf = (loop: FleetLoop, o: FleetReconcileOptions, traceId: string): LoopPassValues => ({
  repo: o.repo,
  loop: loop.loopId,
  transport: loop.transport,
  'trace-id': traceId,
  ...(o.maxEvents === undefined ? {} : { 'max-events': o.maxEvents }),
  ...(o.fromStart ? { 'from-start': true } : {}),
  ...(o.asOf === undefined ? {} : { 'as-of': o.asOf }),
  ...(o.stateDir === undefined ? {} : { 'state-dir': o.stateDir }),
  ...(loop.transport === 'sprite_service'
    ? {
        'service-base-url': loop.service.baseUrl,
        'retry-attempts': String(loop.service.retryAttempts),
        'retry-backoff-seconds': String(loop.service.retryBackoffSeconds),
        ...(loop.service.tokenEnv === undefined ? {} : { 'service-token-env': loop.service.tokenEnv }),
      }
    : {}),
});

const pass = async (values: LoopPassValues, ports: FleetReconcilePorts) => {
  const r = await ports.pass(values);
  if (isLeft(r)) return { ok: false, document: decodePassDocument(null), output: r.left };
  const notes = r.right.notes.map((n) => `note: ${n}`);
  const failure = r.right.ok ? [] : [`error: reconcile failed: ${r.right.failureCode ?? 'unknown'}`];
  return {
    ok: r.right.ok,
    document: decodePassDocument(r.right.document),
    output: [...notes, ...failure, stableJson(r.right.document, false)].join('\n'),
  };
};

const filesOf = (dir: string) => ({
  stateFile: `${dir}/state.json`,
  healthFile: `${dir}/health.json`,
  cursorFile: `${dir}/cursor.json`,
  reconcileTelemetryFile: `${dir}/telemetry/reconcile.jsonl`,
});

const secondsSince = (ports: FleetReconcilePorts, startMs: number): number =>
  Math.max(0, Math.floor((ports.now() - startMs) / 1000));

/** Runs one registry loop's reconcile pass (or records why it was not run). */
export const runLoop = async (
  loop: FleetLoop,
  o: FleetReconcileOptions,
  ports: FleetReconcilePorts,
): Promise<LoopRun> => {
  const traceId = loopTraceId(o.fleetTraceId, loop.loopId);
  const startedAt = ports.iso();
  const startMs = ports.now();
  const tokenEnv = loop.service.tokenEnv;
  const precheck = precheckOf(loop, tokenEnv === undefined || (ports.env[tokenEnv] ?? '') !== '');
  const r =
    precheck === null
      ? await pass(passValuesOf(loop, o, traceId), ports)
      : { ok: false, document: decodePassDocument(null), output: '' };
  return {
    loop,
    traceId,
    startedAt,
    timestamp: ports.iso(),
    durationSeconds: secondsSince(ports, startMs),
    precheck,
    ...r,
    files: filesOf(ports.loopDir(loop.loopId)),
  };
};

/** Reconciles every loop of the registry (at most `maxParallel` at once); the fleet state and its effects. */
export const reconcileFleet = async (
  registry: NormalizedRegistry,
  o: FleetReconcileOptions,
  ports: FleetReconcilePorts,
) => {
  const startedAt = ports.iso();
  const startMs = ports.now();
  const loops = reconcileOrder(registry.loops, o.deterministicOrder);
  const runs = await mapBounded(loops, o.maxParallel, (loop) => runLoop(loop, o, ports));
  const run = {
    fleetId: registry.fleetId,
    traceId: o.fleetTraceId,
    startedAt,
    updatedAt: ports.iso(),
    durationSeconds: secondsSince(ports, startMs),
    execution: {
      maxParallel: o.maxParallel,
      deterministicOrder: o.deterministicOrder,
      fromStart: o.fromStart,
      maxEvents: Number(o.maxEvents ?? 0),
    },
  };
  return reconcileRun(run, runs, o.files);
};
