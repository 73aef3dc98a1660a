// Fleet status: the operator's one-page posture. Fleet rollup and exception buckets from the fleet
// state, policy and handoff summaries, the autonomous section (outcome rollup, safety-gate decisions
// by path, rollout and governance posture), per-loop drill-down pointers to the loop artifacts, trace
// linkage and the latest reconcile and handoff telemetry.
// Law: a pure function of the documents read and `asOf`.
import { compact, uniqueSorted } from './json.js';
import { autonomousSection, handoffSection, policySection } from './status-autonomous.js';
import { outcomeRollupOf, telemetryRollupOf } from './status-rollups.js';
import type {
  HandoffLine,
  HandoffLineRollup,
  ReconcileLine,
  StatusDocs,
  StatusFleet,
  StatusLoopResult,
  StatusPolicy,
} from './status-views.js';

export interface StatusInputs extends StatusDocs {
  readonly generatedAt: string;
  readonly asOfMs: number;
  readonly repoPath: string;
  readonly registryFleetId: string;
  readonly files: Readonly<Record<string, string>>;
}

type Results = readonly StatusLoopResult[];

const loopsOf = (rs: Results, pick: (r: StatusLoopResult) => unknown, value: string) =>
  uniqueSorted(rs.filter((r) => pick(r) === value).map((r) => String(r.loopId)));

const fleetSection = (fleet: StatusFleet, rs: Results) => {
  const tally = (status: string) => rs.filter((r) => r.status === status).length;
  return {
    status: fleet.status,
    reasonCodes: fleet.reasonCodes,
    loopCount: fleet.loopCount ?? rs.length,
    successCount: fleet.successCount ?? tally('success'),
    failedCount: fleet.failedCount ?? tally('failed'),
    skippedCount: fleet.skippedCount ?? tally('skipped'),
    startedAt: fleet.startedAt,
    updatedAt: fleet.updatedAt,
    durationSeconds: fleet.durationSeconds,
    traceId: fleet.traceId,
    partialFailure: (fleet.failedCount ?? 0) > 0 && (fleet.successCount ?? 0) > 0,
  };
};

const healthRollup = (rs: Results) => {
  const n = (s: string) => rs.filter((r) => r.healthStatus === s).length;
  return { healthy: n('healthy'), degraded: n('degraded'), critical: n('critical'), unknown: n('unknown') };
};

const ARTIFACTS = ['stateFile', 'healthFile', 'cursorFile', 'reconcileTelemetryFile'] as const;

/** Pure: the drill-down pointers of a loop result (null where the result names none). */
const artifactsOf = (r: StatusLoopResult) => Object.fromEntries(ARTIFACTS.map((k) => [k, r.files[k]]));

const loopEntry = (r: StatusLoopResult) =>
  compact({
    loopId: r.loopId,
    status: r.status,
    reasonCode: r.reasonCode,
    reconcileStatus: r.reconcileStatus,
    healthStatus: r.healthStatus,
    healthReasonCodes: r.healthReasonCodes,
    transitionState: r.transitionState,
    durationSeconds: r.durationSeconds,
    traceId: r.traceId,
    transport: r.transport,
    sprite: r.sprite,
    artifacts: artifactsOf(r),
  });

const traceLinkage = (fleet: StatusFleet, policy: StatusPolicy | undefined, rs: Results) => {
  const ids = uniqueSorted(
    rs.flatMap((r) => (typeof r.traceId === 'string' && r.traceId !== '' ? [r.traceId] : [])),
  );
  const only = ids.length === 1 ? (ids[0] as string) : null;
  return {
    fleetTraceId: fleet.traceId,
    policyTraceId: policy === undefined ? null : policy.traceId,
    loopTraceIds: ids,
    sharedTraceId: only !== null && [null, '', only].includes(fleet.traceId) ? only : null,
  };
};

const latestReconcile = (line: ReconcileLine | undefined) =>
  line === undefined
    ? null
    : compact({ timestamp: line.timestamp, status: line.status, reasonCodes: line.reasonCodes });

const latestHandoff = (line: HandoffLine | undefined, rollupLine: HandoffLineRollup, backlog: number) =>
  line === undefined
    ? null
    : compact({
        timestamp: line.timestamp,
        category: line.category,
        traceId: line.traceId,
        execution: compact({ ...line.execution }),
        summary: compact({ ...line.summary.summary }),
        autonomousOutcomeRollup: telemetryRollupOf(rollupLine, backlog),
        reasonCodes: line.summary.reasonCodes,
      });

const fleetReasonCodes = (f: ReturnType<typeof fleetSection>, h: ReturnType<typeof healthRollup>): string[] =>
  uniqueSorted([
    ...f.reasonCodes,
    ...(f.failedCount > 0 && f.successCount > 0 ? ['fleet_partial_failure'] : []),
    ...(h.critical > 0 ? ['fleet_health_critical'] : h.degraded > 0 ? ['fleet_health_degraded'] : []),
  ]);

/** Pure: the fleet status document. */
export const fleetStatus = (i: StatusInputs) => {
  const rs = i.fleet.results;
  const fleet = fleetSection(i.fleet, rs);
  const health = healthRollup(rs);
  const rollup = outcomeRollupOf(i.handoff, i.policy);
  return {
    schemaVersion: 'v1',
    generatedAt: i.generatedAt,
    source: { repoPath: i.repoPath, fleetId: i.fleet.fleetId ?? i.registryFleetId },
    fleet: { ...fleet, reasonCodes: fleetReasonCodes(fleet, health) },
    healthRollup: health,
    exceptions: {
      reconcileFailures: loopsOf(rs, (r) => r.status, 'failed'),
      criticalLoops: loopsOf(rs, (r) => r.healthStatus, 'critical'),
      degradedLoops: loopsOf(rs, (r) => r.healthStatus, 'degraded'),
      skippedLoops: loopsOf(rs, (r) => r.status, 'skipped'),
    },
    policy: policySection(i.policy),
    handoff: handoffSection(i.handoff, rollup),
    autonomous: autonomousSection(i.policy, i.handoff, i.asOfMs),
    loops: rs.map(loopEntry),
    traceLinkage: traceLinkage(i.fleet, i.policy, rs),
    latestTelemetry: latestReconcile(i.lastReconcileTelemetry),
    latestHandoffTelemetry: latestHandoff(i.lastHandoffTelemetry, i.lastHandoffRollup, rollup.manual_backlog),
    files: i.files,
  };
};
