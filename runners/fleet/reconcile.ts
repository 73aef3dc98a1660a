// opsfold fleet reconcile: runs every registered loop's reconcile pass in-process with bounded
// concurrency, over each loop's transport, tolerating partial failure; writes fleet/state.json and
// appends fleet/telemetry/reconcile.jsonl under the fleet's reconcile lock.
import { stableJson } from '../../lib/core/stable-json.js';
import { join } from 'node:path';
import * as E from 'fp-ts/lib/Either.js';
import { LockConflict, withLock } from '../../lib/io/lock.js';
import { reconcileFleet, type FleetReconcilePorts } from '../../lib/fleet/reconcile-fleet.js';
import { str, type Command, type Io, type Values } from '../cli/command.js';
import { CliError, EXIT, usageError } from '../cli/errors.js';
import { writeOut } from '../cli/write-out.js';
import type { LoopSteps } from '../cli/loop-steps.js';
import { clockFromFlags, type Clock } from '../cli/run-clock.js';
import { baseFlags, fleetTraceOf, traceFlag } from './common.js';
import { applyFleetEffects } from './edge.js';
import { fileFlag, fleetLockTarget, fleetPaths, type FleetPaths } from './paths.js';
import { loadRegistry } from './registry-load.js';
import { fleetSource, fleetSourceFlag } from './reconcile-source.js';

const wholeNumber = (raw: string | undefined, fallback: number, min: number, message: string): number => {
  if (raw === undefined) return fallback;
  if (!/^[0-9]+$/.test(raw) || Number(raw) < min) throw usageError(message);
  return Number(raw);
};

/** The `error:` text of a pass that threw (bad settings, the loop's lock held): a failed loop. */
const messageOf = (err: unknown): string => {
  if (err instanceof CliError) return [`error: ${err.errorLine}`, ...err.details].join(' ');
  if (err instanceof LockConflict) return `error: ${err.message}`;
  return `error: ${err instanceof Error ? err.message : String(err)}`;
};

const portsOf = (p: FleetPaths, io: Io, clock: Clock, loop: LoopSteps): FleetReconcilePorts => ({
  pass: async (values) => {
    try {
      const r = await loop.reconcile({ ...values }, io);
      const document = r.ok ? r.state : r.health;
      return E.right({ ok: r.ok, document, failureCode: r.health.transport.failureCode, notes: r.notes });
    } catch (err) {
      return E.left(messageOf(err));
    }
  },
  loopDir: (loopId) => join(p.repo, '.superloop', 'ops-manager', loopId),
  env: io.env,
  iso: () => clock.iso(),
  now: () => io.now(),
});

const run = async (v: Values, io: Io, loop: LoopSteps): Promise<number> => {
  const maxParallel = wholeNumber(str(v, 'max-parallel'), 2, 1, '--max-parallel must be an integer >= 1');
  const maxEvents = str(v, 'max-events');
  wholeNumber(maxEvents, 0, 0, '--max-events must be a non-negative integer');
  const p = fleetPaths(io.cwd, v);
  const clock = clockFromFlags(v, io);
  const registry = await loadRegistry(p, { asOfMs: clock.ms() });
  const fleetTraceId = fleetTraceOf(v, io);
  const source = await fleetSource(v, registry.fleetId);
  return withLock(fleetLockTarget(p, 'reconcile'), { waitMs: 0 }, async () => {
    const { state, effects } = await reconcileFleet(
      registry,
      {
        repo: p.repo,
        fleetTraceId,
        maxParallel,
        deterministicOrder: v['deterministic-order'] === true,
        maxEvents,
        fromStart: v['from-start'] === true,
        asOf: str(v, 'as-of'),
        stateDir: p.stateDir,
        files: { stateFile: p.stateFile, telemetryFile: p.reconcileTelemetryFile },
      },
      portsOf(p, io, clock, { ...loop, reconcile: (values, io2) => loop.reconcile(source(values), io2) }),
    );
    await applyFleetEffects(p, effects);
    await writeOut(io.stdout, stableJson(state, v['pretty'] === true));
    return EXIT.ok;
  });
};

/** `opsfold fleet reconcile` over the loop's steps (their sleep: retry backoff of sprite_service loops). */
export const makeFleetReconcile = (loop: LoopSteps): Command => ({
  path: ['fleet', 'reconcile'],
  title: 'reconcile every registered loop; fleet rollup and telemetry',
  usage: '--repo <path> [--max-parallel n] [--deterministic-order] [--trace-id id] [options]',
  summary:
    'Run the loop manager reconcile of every loop in the fleet registry (at most --max-parallel at once, each over ' +
    'its own transport), tolerate partial failure, and write the rollup (status success | partial_failure | failed, ' +
    'reason codes, per-loop status, reasonCode, healthStatus, durationSeconds, traceId) to fleet/state.json and ' +
    'fleet/telemetry/reconcile.jsonl. A disabled loop is skipped (loop_disabled).',
  flags: {
    ...baseFlags,
    ...fileFlag('registryFile', 'Fleet registry JSON'),
    ...fileFlag('stateFile', 'Fleet state JSON output'),
    ...fileFlag('reconcileTelemetryFile', 'Fleet reconcile telemetry JSONL'),
    'max-parallel': { type: 'string', arg: 'n', help: 'Max concurrent loop reconciles (default: 2).' },
    'deterministic-order': { type: 'boolean', help: 'Sort loops by loopId before fan-out.' },
    'max-events': { type: 'string', arg: 'n', help: 'Max events per loop reconcile pass.' },
    'from-start': { type: 'boolean', help: 'Replay each loop from its first event.' },
    source: fleetSourceFlag,
    ...traceFlag(
      'Fleet reconcile trace id (default: OPS_MANAGER_TRACE_ID, else generated); loop i gets <id>-<loop>.',
    ),
  },
  exits: {
    [EXIT.ok]: 'the fleet was reconciled (any loop may have failed: see status and reasonCodes)',
    [EXIT.error]:
      'missing or invalid registry, or the repository does not exist, or the --source server is unreachable (nothing written)',
    [EXIT.usage]: 'usage error: unknown flag, bad --max-parallel or --max-events',
    [EXIT.lock]: 'another fleet reconcile holds .opsfold/fleet/reconcile.lock',
  },
  notes: [
    'Loop reason codes: loop_disabled (skipped), missing_service_base_url, missing_service_token_env, transport_unreachable,',
    'invalid_transport_payload, projection_failed, missing_runtime_artifacts, reconcile_failed. Fleet reason codes:',
    'fleet_partial_failure, fleet_reconcile_failed, fleet_health_critical, fleet_health_degraded, fleet_loop_skipped.',
  ],
  run: (v, _pos, io) => run(v, io, loop),
});
