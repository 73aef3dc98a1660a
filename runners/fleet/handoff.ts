// opsfold fleet handoff: maps unsuppressed policy candidates to per-loop control intents (pending
// operator confirmation), and executes them on request: `--execute --confirm` for the selected
// intents, `--autonomous-execute` for autonomous-eligible intents only. Writes fleet/handoff-state.json
// and appends the plan (and the execution) to fleet/telemetry/handoff.jsonl, under the handoff lock.
import { stableJson } from '../../lib/core/stable-json.js';
import { withLock } from '../../lib/io/lock.js';
import * as E from 'fp-ts/lib/Either.js';
import { gatePlan } from '../../lib/fleet/handoff-gate.js';
import { handoffHistoryProjection } from '../../lib/fleet/handoff-history.js';
import { executePlan } from '../../lib/fleet/handoff-dispatch.js';
import { planHandoff } from '../../lib/fleet/handoff-plan.js';
import { planRecorded, stateRecorded } from '../../lib/fleet/handoff-record.js';
import { PlanPolicyView, PriorHandoffView, priorStatuses } from '../../lib/fleet/handoff-views.js';
import { str, type Command, type Io, type Values } from '../cli/command.js';
import { CliError, EXIT } from '../cli/errors.js';
import { writeOut } from '../cli/write-out.js';
import type { LoopSteps } from '../cli/loop-steps.js';
import { clockFromFlags } from '../cli/run-clock.js';
import { baseFlags, fleetTraceOf, fromStartFoldFlag, traceFlag } from './common.js';
import { handoffControl } from './handoff-control.js';
import { handoffFlags, handoffOptions } from './handoff-flags.js';
import { optionalDoc, requiredDoc } from './docs.js';
import { applyFleetEffects } from './edge.js';
import { foldLog } from './logs.js';
import { fileFlag, fleetLockTarget, fleetPaths } from './paths.js';
import { loadRegistry } from './registry-load.js';

const run = async (v: Values, io: Io, loop: LoopSteps): Promise<number> => {
  const o = handoffOptions(v);
  const p = fleetPaths(io.cwd, v);
  const clock = clockFromFlags(v, io);
  const registry = await loadRegistry(p, { asOfMs: clock.ms() });
  const policy = await requiredDoc(p, p.policyStateFile, PlanPolicyView, {
    missing: `policy state file not found: ${p.policyStateFile}`,
    invalid: `invalid policy state JSON: ${p.policyStateFile}`,
  });
  const traceId = fleetTraceOf(v, io, policy.traceId);
  return withLock(fleetLockTarget(p, 'handoff'), { waitMs: 0 }, async () => {
    const history = await foldLog(p, p.handoffTelemetryFile, handoffHistoryProjection, {
      fromStart: v['from-start'] === true,
      errorLine: `invalid handoff telemetry JSONL: ${p.handoffTelemetryFile}`,
    });
    const prior = priorStatuses(
      await optionalDoc(
        p,
        p.handoffStateFile,
        PriorHandoffView,
        `invalid existing handoff state JSON: ${p.handoffStateFile}`,
      ),
    );
    const planned = planHandoff({
      policy,
      registry,
      traceId,
      idempotencyPrefix: o.prefix,
      generatedAt: clock.iso(),
      lastOutcome: (id) => history.state.lastOutcomeByIntent[id],
      priorStatus: (id) => prior.get(id),
      files: { registryFile: p.registryFile, policyStateFile: p.policyStateFile },
    });
    const gated = gatePlan(planned, registry, o.mode, o.filters);
    if (E.isLeft(gated)) throw new CliError(gated.left.errorLine, [...gated.left.details]);
    const plan = gated.right;
    await applyFleetEffects(p, planRecorded(p, plan));
    const ports = {
      control: handoffControl(io, loop),
      env: io.env,
      iso: () => clock.iso(),
    };
    const settings = { repo: p.repo, traceId, asOf: str(v, 'as-of'), stateDir: p.stateDir };
    const executed =
      o.mode === null ? null : await executePlan(plan, o.mode, { ports, settings, options: o });
    const { state, effects } = stateRecorded(p, plan, executed);
    await applyFleetEffects(p, [...effects, ...history.effects]);
    await writeOut(io.stdout, stableJson(state, v['pretty'] === true));
    return EXIT.ok;
  });
};

/** `opsfold fleet handoff` over the loop's steps (their sleep: confirmation polling, service retries). */
export const makeFleetHandoff = (loop: LoopSteps): Command => ({
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
      'missing registry or policy state, an unknown --loop/--intent-id, or --autonomous-execute without a guarded_auto policy state',
    [EXIT.usage]:
      'usage error: --execute without --confirm (or --confirm alone), --execute with --autonomous-execute, bad numbers',
    [EXIT.lock]: 'another fleet handoff holds .opsfold/fleet/handoff.lock',
  },
  notes: [
    'Intent statuses: pending_operator_confirmation, executed, execution_ambiguous, execution_failed. Result reason',
    'codes: control_confirmed, control_ambiguous, control_failed_command, control_lock_held, missing_service_base_url,',
    'missing_service_token_env. Autonomous dispatch also re-checks the registry: a kill switch or manual pause set',
    'after the policy ran holds every intent back (reason-coded, manual-only).',
    'OPS_MANAGER_CONTROL_SCRIPT names a control script run instead of the in-process loop control (reference arguments).',
  ],
  run: (v, _pos, io) => run(v, io, loop),
});
