// opsfold fleet policy: advisory candidates from the fleet state, suppression and dedupe, autonomous
// eligibility behind the policy, rollout and safety gates, and the governance audit; writes
// fleet/policy-state.json and appends policy, policy-history and policy-governance telemetry.
import { stableJson } from '../../lib/core/stable-json.js';
import { withLock } from '../../lib/io/lock.js';
import { policyRunEffects, policyRunOf } from '../../lib/fleet/policy-run.js';
import { PolicyFleetView } from '../../lib/fleet/policy-views.js';
import { str, type Command, type Io, type Values } from '../cli/command.js';
import { asOfOf } from '../cli/clock.js';
import { EXIT, usageError } from '../cli/errors.js';
import { writeOut } from '../cli/write-out.js';
import { baseFlags, fleetTraceOf, fromStartFoldFlag, traceFlag } from './common.js';
import { fileFlag, fleetLockTarget, fleetPaths } from './paths.js';
import { readPolicyLogs } from './policy-logs.js';
import { loadRegistry } from './registry-load.js';
import { requiredDoc } from './docs.js';
import { applyFleetEffects } from './edge.js';

const dedupeWindow = (v: Values): number | undefined => {
  const raw = str(v, 'dedupe-window-seconds');
  if (raw === undefined) return undefined;
  if (!/^[0-9]+$/.test(raw)) throw usageError('--dedupe-window-seconds must be a non-negative integer');
  return Number(raw);
};

const run = async (v: Values, io: Io): Promise<number> => {
  const p = fleetPaths(io.cwd, v);
  return withLock(fleetLockTarget(p, 'policy'), { waitMs: 0 }, async () => {
    const asOf = asOfOf(v, io);
    const registry = await loadRegistry(p, { asOfMs: asOf.ms });
    const fleet = await requiredDoc(p, p.stateFile, PolicyFleetView, {
      missing: `fleet state file not found: ${p.stateFile}`,
      invalid: `invalid fleet state JSON: ${p.stateFile}`,
    });
    const traceId = fleetTraceOf(v, io, fleet.traceId);
    const dedupeWindowSeconds = dedupeWindow(v);
    const logs = await readPolicyLogs(p, v['from-start'] === true);
    const r = policyRunOf({
      registry,
      fleet,
      history: logs.history.state,
      handoff: logs.handoff.state,
      audit: logs.audit.state,
      asOf,
      traceId,
      dedupeWindowSeconds,
      files: { ...p, fleetStateFile: p.stateFile },
    });
    await applyFleetEffects(p, [...policyRunEffects(r, p), ...logs.effects]);
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
