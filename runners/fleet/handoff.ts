// opsfold fleet handoff: maps unsuppressed policy candidates to per-loop control intents (pending
// operator confirmation), and executes them on request: `--execute --confirm` for the selected
// intents, `--autonomous-execute` for autonomous-eligible intents only. Writes fleet/handoff-state.json
// and appends the plan (and the execution) to fleet/telemetry/handoff.jsonl, under the handoff lock.
import { stableJson } from '../../lib/core/stable-json.js';
import { appendJsonl } from '../../lib/io/append.js';
import { writeJsonAtomic } from '../../lib/io/atomic.js';
import { withLock } from '../../lib/io/lock.js';
import {
  applyExecution,
  executeTelemetry,
  holdBack,
  liveAutonomyBlocks,
  planTelemetry,
  targetsOf,
  unknownFilters,
  type DispatchResult,
} from '../../lib/fleet/handoff-execute.js';
import { handoffHistoryProjection } from '../../lib/fleet/handoff-history.js';
import { planHandoff, type HandoffPlan } from '../../lib/fleet/handoff-plan.js';
import { decodePlanPolicy } from '../../lib/fleet/handoff-views.js';
import type { NormalizedRegistry } from '../../lib/fleet/registry-types.js';
import { str, type Command, type Io, type Values } from '../cli/command.js';
import { CliError, EXIT } from '../cli/errors.js';
import { writeOut } from '../cli/write-out.js';
import { clockFromFlags, type Sleep } from '../cli/run-clock.js';
import { baseFlags, fromStartFoldFlag, traceFlag } from './common.js';
import { dispatchIntent, type DispatchContext } from './handoff-dispatch.js';
import { handoffFlags, handoffOptions, type HandoffOptions } from './handoff-flags.js';
import { foldLog, requiredDoc } from './logs.js';
import { fileFlag, fleetLockTarget, fleetPaths } from './paths.js';
import { fleetTraceOf } from './reconcile.js';
import { loadRegistry } from './registry-load.js';

const refuseUnknownFilters = (plan: HandoffPlan, o: HandoffOptions): void => {
  const u = unknownFilters(plan, o.filters);
  if (u.loops.length > 0)
    throw new CliError(`loop filter not found in handoff intents: ${u.loops.join(',')}`);
  if (u.intentIds.length > 0)
    throw new CliError(`intent filter not found in handoff intents: ${u.intentIds.join(',')}`);
};

/** Autonomous dispatch needs guarded_auto in the registry now and in the policy state it acts on. */
const gateAutonomous = (plan: HandoffPlan, registry: NormalizedRegistry): HandoffPlan => {
  if (plan.mode !== 'guarded_auto' || registry.policy.mode !== 'guarded_auto')
    throw new CliError('--autonomous-execute requires policy mode guarded_auto', [
      `policy state mode: ${plan.mode}; registry policy.mode: ${registry.policy.mode}`,
    ]);
  return holdBack(plan, liveAutonomyBlocks(registry));
};

const dispatchAll = async (
  targets: readonly HandoffPlan['intents'][number][],
  c: DispatchContext,
): Promise<DispatchResult[]> => {
  const out: DispatchResult[] = [];
  for (const t of targets) out.push(await dispatchIntent(t, c));
  return out;
};

const run = async (v: Values, io: Io, sleep: Sleep): Promise<number> => {
  const o = handoffOptions(v);
  const p = fleetPaths(io.cwd, v);
  const clock = clockFromFlags(v, io);
  const registry = await loadRegistry(p.registryFile, { asOfMs: clock.ms() });
  const policy = decodePlanPolicy(
    await requiredDoc(
      p.policyStateFile,
      `policy state file not found: ${p.policyStateFile}`,
      `invalid policy state JSON: ${p.policyStateFile}`,
    ),
  );
  const traceId = fleetTraceOf(v, io, policy.traceId);
  return withLock(fleetLockTarget(p, 'handoff'), { waitMs: 0 }, async () => {
    const history = await foldLog(p.handoffTelemetryFile, handoffHistoryProjection, {
      opsfoldDir: p.opsfoldDir,
      fromStart: v['from-start'] === true,
      errorLine: `invalid handoff telemetry JSONL: ${p.handoffTelemetryFile}`,
    });
    const planned = planHandoff({
      policy,
      registry,
      traceId,
      idempotencyPrefix: o.prefix,
      generatedAt: clock.iso(),
      lastOutcome: (id) => history.state.lastOutcomeByIntent[id],
      files: { registryFile: p.registryFile, policyStateFile: p.policyStateFile },
    });
    refuseUnknownFilters(planned, o);
    const plan = o.mode === 'autonomous' ? gateAutonomous(planned, registry) : planned;
    await appendJsonl(p.handoffTelemetryFile, [planTelemetry(plan)]);
    let state: unknown = plan;
    if (o.mode !== null) {
      const targets = targetsOf(plan, o.mode, o.filters);
      const requestedAt = clock.iso();
      const by = str(v, 'by') ?? io.env['USER'] ?? 'unknown';
      const note = str(v, 'note') ?? '';
      const ctx: DispatchContext = {
        repo: p.repo,
        traceId,
        by,
        note,
        timeoutSeconds: o.timeoutSeconds,
        intervalSeconds: o.intervalSeconds,
        runtimeConfirm: v['no-runtime-confirm'] !== true,
        asOf: str(v, 'as-of'),
        stateDir: p.stateDir,
        io,
        clock,
        sleep,
      };
      const results = await dispatchAll(targets, ctx);
      const executed = applyExecution(
        plan,
        {
          mode: o.mode,
          requestedBy: by,
          requestedAt,
          completedAt: clock.iso(),
          note,
          requestedIntentCount: targets.length,
        },
        results,
      );
      await appendJsonl(p.handoffTelemetryFile, [executeTelemetry(executed)]);
      state = executed;
    }
    await writeJsonAtomic(p.handoffStateFile, state, undefined, false);
    await history.commit();
    await writeOut(io.stdout, stableJson(state, v['pretty'] === true));
    return EXIT.ok;
  });
};

/** `opsfold fleet handoff` with its sleep injected (confirmation polling, service retries). */
export const makeFleetHandoff = (sleep: Sleep): Command => ({
  path: ['fleet', 'handoff'],
  title: 'plan per-loop control intents; execute them with confirmation',
  usage:
    '--repo <path> [--execute --confirm [--intent-id id] [--loop id] --by name --note text] [--autonomous-execute]',
  summary:
    'Map unsuppressed policy candidates to per-loop control intents pending operator confirmation, keeping the ' +
    "policy's autonomous classification (autoEligibleIntentCount, manualOnlyIntentCount). With --execute --confirm, " +
    'run the selected pending intents through loop control; with --autonomous-execute, only autonomous-eligible ' +
    'ones. After an ambiguous or failed autonomous outcome the retry guard keeps that intent manual-only until an ' +
    'operator executes it. Trace id and idempotency key reach the loop control telemetry.',
  flags: {
    ...baseFlags,
    ...fileFlag('registryFile', 'Fleet registry JSON'),
    ...fileFlag('policyStateFile', 'Fleet policy state JSON'),
    ...fileFlag('handoffStateFile', 'Fleet handoff state JSON output'),
    ...fileFlag('handoffTelemetryFile', 'Fleet handoff telemetry JSONL'),
    ...traceFlag(
      'Handoff trace id (default: the policy trace id, else OPS_MANAGER_TRACE_ID, else generated).',
    ),
    ...handoffFlags,
    ...fromStartFoldFlag,
  },
  exits: {
    [EXIT.ok]: 'the handoff state is printed (an executed intent may still have failed: see its status)',
    [EXIT.error]:
      'missing registry or policy state, an unknown --loop/--intent-id, or --autonomous-execute without guarded_auto',
    [EXIT.usage]:
      'usage error: --execute without --confirm, --execute with --autonomous-execute, bad numbers',
    [EXIT.lock]: 'another fleet handoff holds .opsfold/fleet/handoff.lock',
  },
  notes: [
    'Intent statuses: pending_operator_confirmation, executed, execution_ambiguous, execution_failed. Result reason',
    'codes: control_confirmed, control_ambiguous, control_failed_command, control_lock_held, missing_service_base_url,',
    'missing_service_token_env. Autonomous dispatch also re-checks the registry: a kill switch or manual pause set',
    'after the policy ran holds every intent back (reason-coded, manual-only).',
  ],
  run: (v, _pos, io) => run(v, io, sleep),
});
