// opsfold fleet policy: advisory candidates from the fleet state, suppression and dedupe, autonomous
// eligibility behind the policy, rollout and safety gates, and the governance audit; writes
// fleet/policy-state.json and appends policy, policy-history and policy-governance telemetry.
import { stableJson } from '../../lib/core/stable-json.js';
import { isoSeconds } from '../../lib/core/time.js';
import { appendJsonl } from '../../lib/io/append.js';
import { writeJsonAtomic } from '../../lib/io/atomic.js';
import { withLock } from '../../lib/io/lock.js';
import { candidatesOf } from '../../lib/fleet/candidates.js';
import { planGovernanceEvent, snapshotOf } from '../../lib/fleet/governance-audit.js';
import { decodePolicyFleet } from '../../lib/fleet/policy-views.js';
import { evaluateCandidates, fleetPause } from '../../lib/fleet/policy-evaluate.js';
import { historyEntries } from '../../lib/fleet/policy-history.js';
import { policyState, policyTelemetry } from '../../lib/fleet/policy-state.js';
import { str, type Command, type Io, type Values } from '../cli/command.js';
import { asOfOf } from '../cli/clock.js';
import { EXIT, usageError } from '../cli/errors.js';
import { writeOut } from '../cli/write-out.js';
import { baseFlags, fromStartFoldFlag, traceFlag } from './common.js';
import { fileFlag, fleetLockTarget, fleetPaths, type FleetPaths } from './paths.js';
import { readPolicyLogs } from './policy-logs.js';
import { loadRegistry } from './registry-load.js';
import { requiredDoc } from './logs.js';
import { fleetTraceOf } from './reconcile.js';

const dedupeWindow = (v: Values, fallback: number): number => {
  const raw = str(v, 'dedupe-window-seconds');
  if (raw === undefined) return fallback;
  if (!/^[0-9]+$/.test(raw)) throw usageError('--dedupe-window-seconds must be a non-negative integer');
  return Number(raw);
};

const evaluate = async (v: Values, io: Io, p: FleetPaths) => {
  const asOf = asOfOf(v, io);
  const registry = await loadRegistry(p.registryFile, { asOfMs: asOf.ms });
  const fleet = decodePolicyFleet(
    await requiredDoc(
      p.stateFile,
      `fleet state file not found: ${p.stateFile}`,
      `invalid fleet state JSON: ${p.stateFile}`,
    ),
  );
  const traceId = fleetTraceOf(v, io, fleet.traceId);
  const mode = registry.policy.mode;
  const controls = registry.policy.autonomous;
  const window = dedupeWindow(v, registry.policy.noiseControls.dedupeWindowSeconds);
  const logs = await readPolicyLogs(p, v['from-start'] === true);
  const marks = (id: string) =>
    logs.history.state.byCandidate[id] ?? { lastUnsuppressedMs: null, lastEligibleMs: null };
  const results = fleet.results;
  const base = candidatesOf({
    results,
    suppressions: registry.policy.suppressions,
    lastUnsuppressedMs: (id) => marks(id).lastUnsuppressedMs,
    dedupeWindowSeconds: window,
    asOfMs: asOf.ms,
    isoOf: isoSeconds,
  });
  const executions = logs.handoff.state.autonomousExecutions;
  const candidates = evaluateCandidates(base, {
    mode,
    controls,
    autonomousExecutions: executions,
    marks,
    asOfMs: asOf.ms,
    isoOf: isoSeconds,
  });
  const fleetId = fleet.fleetId ?? 'default';
  const state = policyState(
    {
      updatedAt: asOf.iso,
      asOfMs: asOf.ms,
      fleetId,
      traceId,
      mode,
      fleetStatus: fleet.status ?? 'unknown',
      evaluatedLoopCount: results.length,
      dedupeWindowSeconds: window,
      controls,
      suppressions: registry.policy.suppressions,
      pause: fleetPause({ controls, autonomousExecutions: executions }),
      files: { ...p, fleetStateFile: p.stateFile },
    },
    candidates,
  );
  const ctx = { timestamp: asOf.iso, fleetId, traceId, mode };
  const audit = planGovernanceEvent(logs.audit.state, snapshotOf(mode, controls), {
    ...ctx,
    registryFile: p.registryFile,
  });
  return { state, history: historyEntries(ctx, candidates), audit, logs };
};

const run = async (v: Values, io: Io): Promise<number> => {
  const p = fleetPaths(io.cwd, v);
  return withLock(fleetLockTarget(p, 'policy'), { waitMs: 0 }, async () => {
    const r = await evaluate(v, io, p);
    await writeJsonAtomic(p.policyStateFile, r.state, undefined, false);
    await appendJsonl(p.policyHistoryFile, r.history);
    await appendJsonl(p.policyTelemetryFile, [policyTelemetry(r.state)]);
    if (r.audit !== null) await appendJsonl(p.governanceAuditFile, [r.audit]);
    await r.logs.commit();
    await writeOut(io.stdout, stableJson(r.state, v['pretty'] === true));
    return EXIT.ok;
  });
};

export const fleetPolicy: Command = {
  path: ['fleet', 'policy'],
  title: 'advisory candidates, suppression, autonomous eligibility, governance audit',
  usage: '--repo <path> [--trace-id id] [--dedupe-window-seconds n] [options]',
  summary:
    'Evaluate the fleet state into advisory candidates (reconcile_failed, health_critical, health_degraded), apply ' +
    'suppressions (loop scope over the global * scope, recorded with scope and source) and the dedupe window from ' +
    'policy history, then classify each unsuppressed candidate autonomous.eligible or manualOnly through the policy ' +
    'gates, the deterministic rollout cohort (scope + canary percentage + selector salt), the manual and ' +
    'telemetry-triggered pauses and the safety rails (killSwitch, maxActionsPerRun, maxActionsPerLoop, cooldownSeconds). ' +
    'Writes fleet/policy-state.json; appends policy.jsonl, policy-history.jsonl and, when guarded autonomy is ' +
    'initialized, changed or toggled, one sealed event to policy-governance.jsonl.',
  flags: {
    ...baseFlags,
    ...fileFlag('registryFile', 'Fleet registry JSON'),
    ...fileFlag('stateFile', 'Fleet state JSON'),
    ...fileFlag('policyStateFile', 'Policy state JSON output'),
    ...fileFlag('handoffTelemetryFile', 'Fleet handoff telemetry JSONL (auto-pause samples it)'),
    ...fileFlag('policyTelemetryFile', 'Policy telemetry JSONL'),
    ...fileFlag('policyHistoryFile', 'Candidate history JSONL'),
    ...fileFlag('governanceAuditFile', 'Immutable governance audit JSONL'),
    'dedupe-window-seconds': {
      type: 'string',
      arg: 'n',
      help: 'Advisory cooldown for duplicate candidates (default: policy.noiseControls.dedupeWindowSeconds, else 300).',
    },
    ...traceFlag(
      'Policy trace id (default: the fleet state trace id, else OPS_MANAGER_TRACE_ID, else generated).',
    ),
    ...fromStartFoldFlag,
  },
  exits: {
    [EXIT.ok]: 'the policy state is printed',
    [EXIT.error]:
      'missing or invalid registry or fleet state, a corrupt history/handoff/audit line (file:line:byte), or an audit trail whose seal is broken',
    [EXIT.usage]: 'usage error: unknown flag, bad --dedupe-window-seconds',
    [EXIT.lock]: 'another fleet policy run holds .opsfold/fleet/policy.lock',
  },
  run: (v, _pos, io) => run(v, io),
};
