// opsfold fleet status: the operator's fleet posture from the fleet, policy and handoff states and the
// latest reconcile and handoff telemetry. Read-only: it takes no lock and writes nothing.
import { stableJson } from '../../lib/core/stable-json.js';
import { statusFilesOf } from '../../lib/fleet/layout.js';
import { fleetStatus } from '../../lib/fleet/status.js';
import { gatherStatus } from '../../lib/fleet/status-gather.js';
import type { Command } from '../cli/command.js';
import { asOfOf } from '../cli/clock.js';
import { EXIT } from '../cli/errors.js';
import { writeOut } from '../cli/write-out.js';
import { baseFlags } from './common.js';
import { fleetReads } from './docs.js';
import { fileFlag, fleetPaths } from './paths.js';
import { loadRegistry } from './registry-load.js';

export const fleetStatusCommand: Command = {
  path: ['fleet', 'status'],
  title: 'fleet posture, exceptions, autonomous rollups, drill-down pointers',
  usage: '--repo <path> [--pretty] [options]',
  summary:
    'Summarize the fleet for an operator: reconcile rollup and exception buckets, policy summary and top candidates, ' +
    'handoff outcomes, autonomous.outcomeRollup (attempted, executed, ambiguous, failed, manual_backlog), ' +
    'autonomous.safetyGateDecisions.byPath (policyGated, rolloutGated, governanceGated, transportGated), rollout and ' +
    'governance posture (changedBy, changedAt, why, until), trace linkage and per-loop pointers to loop artifacts.',
  flags: {
    ...baseFlags,
    ...fileFlag('registryFile', 'Fleet registry JSON'),
    ...fileFlag('stateFile', 'Fleet state JSON'),
    ...fileFlag('policyStateFile', 'Fleet policy state JSON'),
    ...fileFlag('reconcileTelemetryFile', 'Fleet reconcile telemetry JSONL'),
    ...fileFlag('handoffStateFile', 'Fleet handoff state JSON'),
    ...fileFlag('handoffTelemetryFile', 'Fleet handoff telemetry JSONL'),
  },
  exits: {
    [EXIT.ok]: 'the status is printed',
    [EXIT.error]: 'missing fleet state, an invalid registry, or an unparsable state document',
    [EXIT.usage]: 'usage error: unknown flag, missing --repo',
  },
  notes: [
    'The registry is validated as `fleet registry` does, except that an expired governance review does not fail',
    'status: it is reported as posture review_expired (autonomous_governance_review_expired) instead.',
  ],
  async run(v, _pos, io) {
    const p = fleetPaths(io.cwd, v);
    const asOf = asOfOf(v, io);
    const registry = await loadRegistry(p, { asOfMs: asOf.ms, ignoreReviewExpiry: true });
    const status = fleetStatus({
      generatedAt: asOf.iso,
      asOfMs: asOf.ms,
      repoPath: p.repo,
      registryFleetId: registry.fleetId,
      ...(await gatherStatus(fleetReads(p), p)),
      files: statusFilesOf(p),
    });
    await writeOut(io.stdout, stableJson(status, v['pretty'] === true));
    return EXIT.ok;
  },
};
