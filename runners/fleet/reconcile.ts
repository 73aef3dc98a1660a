// opsfold fleet reconcile: runs every registered loop's reconcile pass in-process with bounded
// concurrency, over each loop's transport, tolerating partial failure; writes fleet/state.json and
// appends fleet/telemetry/reconcile.jsonl under the fleet's reconcile lock.
import { stableJson } from '../../lib/core/stable-json.js';
import { withLock } from '../../lib/io/lock.js';
import { reconcileOrder, reconcileRun } from '../../lib/fleet/reconcile-run.js';
import { str, type Command, type Io, type Values } from '../cli/command.js';
import { EXIT, usageError } from '../cli/errors.js';
import { writeOut } from '../cli/write-out.js';
import type { LoopSteps } from '../cli/loop-steps.js';
import { clockFromFlags } from '../cli/run-clock.js';
import { baseFlags, fleetTraceOf, traceFlag } from './common.js';
import { applyFleetEffects } from './edge.js';
import { fileFlag, fleetLockTarget, fleetPaths } from './paths.js';
import { mapBounded } from './pool.js';
import { loadRegistry } from './registry-load.js';
import { runLoop } from './reconcile-loop.js';

const wholeNumber = (raw: string | undefined, fallback: number, min: number, message: string): number => {
  if (raw === undefined) return fallback;
  if (!/^[0-9]+$/.test(raw) || Number(raw) < min) throw usageError(message);
  return Number(raw);
};

const run = async (v: Values, io: Io, loop: LoopSteps): Promise<number> => {
  const maxParallel = wholeNumber(str(v, 'max-parallel'), 2, 1, '--max-parallel must be an integer >= 1');
  const maxEvents = str(v, 'max-events');
  wholeNumber(maxEvents, 0, 0, '--max-events must be a non-negative integer');
  const p = fleetPaths(io.cwd, v);
  const clock = clockFromFlags(v, io);
  const registry = await loadRegistry(p, { asOfMs: clock.ms() });
  const traceId = fleetTraceOf(v, io);
  const deterministic = v['deterministic-order'] === true;
  const loops = reconcileOrder(registry.loops, deterministic);
  return withLock(fleetLockTarget(p, 'reconcile'), { waitMs: 0 }, async () => {
    const startedAt = clock.iso();
    const startMs = io.now();
    const ctx = {
      repo: p.repo,
      fleetTraceId: traceId,
      maxEvents,
      fromStart: v['from-start'] === true,
      asOf: str(v, 'as-of'),
      stateDir: p.stateDir,
      io,
      clock,
      loop,
    };
    const runs = await mapBounded(loops, maxParallel, (loop) => runLoop(loop, ctx));
    const { state, effects } = reconcileRun(
      {
        fleetId: registry.fleetId,
        traceId,
        startedAt,
        updatedAt: clock.iso(),
        durationSeconds: Math.max(0, Math.floor((io.now() - startMs) / 1000)),
        execution: {
          maxParallel,
          deterministicOrder: deterministic,
          fromStart: v['from-start'] === true,
          maxEvents: Number(maxEvents ?? 0),
        },
      },
      runs,
      { stateFile: p.stateFile, telemetryFile: p.reconcileTelemetryFile },
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
    ...traceFlag(
      'Fleet reconcile trace id (default: OPS_MANAGER_TRACE_ID, else generated); loop i gets <id>-<loop>.',
    ),
  },
  exits: {
    [EXIT.ok]: 'the fleet was reconciled (any loop may have failed: see status and reasonCodes)',
    [EXIT.error]: 'missing or invalid registry, or the repository does not exist',
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
