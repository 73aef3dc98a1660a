// Fleet status: the operator's one-page posture. Fleet rollup and exception buckets from the fleet
// state, policy and handoff summaries, the autonomous section (outcome rollup, safety-gate decisions
// by path, rollout and governance posture), per-loop drill-down pointers to the loop artifacts, trace
// linkage and the latest reconcile and handoff telemetry.
// Law: a pure function of the documents read and `asOf`.
import { arr, at, compact, isObject, numOr, strOrNull, strings, uniqueSorted } from './json.js';
import { autonomousSection, handoffSection, policySection } from './status-autonomous.js';
import { outcomeRollupOf, telemetryRollupOf } from './status-rollups.js';

export interface StatusInputs {
  readonly generatedAt: string;
  readonly asOfMs: number;
  readonly repoPath: string;
  readonly registryFleetId: string;
  readonly fleet: unknown;
  readonly policy: unknown;
  readonly handoff: unknown;
  readonly lastReconcileTelemetry: unknown;
  readonly lastHandoffTelemetry: unknown;
  readonly files: Readonly<Record<string, string>>;
}

const results = (fleet: unknown): Record<string, unknown>[] => arr(at(fleet, 'results')).filter(isObject);

const loopsOf = (rs: readonly Record<string, unknown>[], key: string, value: string) =>
  uniqueSorted(
    rs
      .filter((r) => (r[key] ?? (key === 'healthStatus' ? 'unknown' : null)) === value)
      .map((r) => String(r['loopId'])),
  );

const fleetSection = (fleet: unknown, rs: readonly Record<string, unknown>[]) => {
  const count = (k: string, status: string) =>
    numOr(at(fleet, k), rs.filter((r) => r['status'] === status).length);
  const failed = count('failedCount', 'failed');
  const success = count('successCount', 'success');
  return {
    status: strOrNull(at(fleet, 'status')) ?? 'unknown',
    reasonCodes: strings(at(fleet, 'reasonCodes')),
    loopCount: numOr(at(fleet, 'loopCount'), rs.length),
    successCount: success,
    failedCount: failed,
    skippedCount: count('skippedCount', 'skipped'),
    startedAt: strOrNull(at(fleet, 'startedAt')),
    updatedAt: strOrNull(at(fleet, 'updatedAt')),
    durationSeconds: at(fleet, 'durationSeconds') ?? null,
    traceId: strOrNull(at(fleet, 'traceId')),
    partialFailure: numOr(at(fleet, 'failedCount'), 0) > 0 && numOr(at(fleet, 'successCount'), 0) > 0,
  };
};

const healthRollup = (rs: readonly Record<string, unknown>[]) => {
  const n = (s: string) => rs.filter((r) => (r['healthStatus'] ?? 'unknown') === s).length;
  return { healthy: n('healthy'), degraded: n('degraded'), critical: n('critical'), unknown: n('unknown') };
};

const ARTIFACTS = ['stateFile', 'healthFile', 'cursorFile', 'reconcileTelemetryFile'] as const;

/** Pure: the drill-down pointers of a loop result (null where the result names none). */
const artifactsOf = (r: Record<string, unknown>) =>
  Object.fromEntries(ARTIFACTS.map((k) => [k, at(r, 'files', k) ?? null]));

const loopEntry = (r: Record<string, unknown>) =>
  compact({
    loopId: r['loopId'],
    status: r['status'] ?? 'unknown',
    reasonCode: r['reasonCode'] ?? null,
    reconcileStatus: r['reconcileStatus'] ?? null,
    healthStatus: r['healthStatus'] ?? 'unknown',
    healthReasonCodes: arr(r['healthReasonCodes']),
    transitionState: r['transitionState'] ?? null,
    durationSeconds: r['durationSeconds'] ?? null,
    traceId: r['traceId'] ?? null,
    transport: r['transport'] ?? 'local',
    sprite: isObject(r['sprite']) ? r['sprite'] : {},
    artifacts: artifactsOf(r),
  });

const traceLinkage = (fleet: unknown, policy: unknown, rs: readonly Record<string, unknown>[]) => {
  const ids = uniqueSorted(
    rs.flatMap((r) => (typeof r['traceId'] === 'string' && r['traceId'] !== '' ? [r['traceId']] : [])),
  );
  const fleetTrace = strOrNull(at(fleet, 'traceId')) ?? '';
  const only = ids.length === 1 ? (ids[0] as string) : null;
  return {
    fleetTraceId: strOrNull(at(fleet, 'traceId')),
    policyTraceId: strOrNull(at(policy, 'traceId')),
    loopTraceIds: ids,
    sharedTraceId: only !== null && (fleetTrace === '' || only === fleetTrace) ? only : null,
  };
};

const latestReconcile = (line: unknown) =>
  isObject(line)
    ? compact({
        timestamp: strOrNull(line['timestamp']),
        status: strOrNull(line['status']),
        reasonCodes: arr(line['reasonCodes']),
      })
    : null;

const latestHandoff = (line: unknown, backlog: number) => {
  if (!isObject(line)) return null;
  const x = (k: string) => at(line, 'execution', k) ?? null;
  const s = (k: string) => at(line, 'summary', 'summary', k) ?? null;
  const summaryKeys = [
    'intentCount',
    'autoEligibleIntentCount',
    'manualOnlyIntentCount',
    'pendingConfirmationCount',
    'pendingManualOnlyCount',
    'executedCount',
    'ambiguousCount',
    'failedCount',
  ];
  return compact({
    timestamp: strOrNull(line['timestamp']),
    category: strOrNull(line['category']),
    traceId: strOrNull(line['traceId']),
    execution: compact({
      mode: x('mode'),
      requestedIntentCount: x('requestedIntentCount'),
      executedCount: x('executedCount'),
      ambiguousCount: x('ambiguousCount'),
      failedCount: x('failedCount'),
    }),
    summary: compact(Object.fromEntries(summaryKeys.map((k) => [k, s(k)]))),
    autonomousOutcomeRollup: telemetryRollupOf(line, backlog),
    reasonCodes: arr(at(line, 'summary', 'reasonCodes')),
  });
};

const fleetReasonCodes = (f: ReturnType<typeof fleetSection>, h: ReturnType<typeof healthRollup>): string[] =>
  uniqueSorted([
    ...f.reasonCodes,
    ...(f.failedCount > 0 && f.successCount > 0 ? ['fleet_partial_failure'] : []),
    ...(h.critical > 0 ? ['fleet_health_critical'] : h.degraded > 0 ? ['fleet_health_degraded'] : []),
  ]);

/** Pure: the fleet status document. */
export const fleetStatus = (i: StatusInputs) => {
  const rs = results(i.fleet);
  const fleet = fleetSection(i.fleet, rs);
  const health = healthRollup(rs);
  const rollup = outcomeRollupOf(i.handoff, i.policy);
  return {
    schemaVersion: 'v1',
    generatedAt: i.generatedAt,
    source: { repoPath: i.repoPath, fleetId: strOrNull(at(i.fleet, 'fleetId')) ?? i.registryFleetId },
    fleet: { ...fleet, reasonCodes: fleetReasonCodes(fleet, health) },
    healthRollup: health,
    exceptions: {
      reconcileFailures: loopsOf(rs, 'status', 'failed'),
      criticalLoops: loopsOf(rs, 'healthStatus', 'critical'),
      degradedLoops: loopsOf(rs, 'healthStatus', 'degraded'),
      skippedLoops: loopsOf(rs, 'status', 'skipped'),
    },
    policy: policySection(i.policy),
    handoff: handoffSection(i.handoff, rollup),
    autonomous: autonomousSection(i.policy, i.handoff, i.asOfMs),
    loops: rs.map(loopEntry),
    traceLinkage: traceLinkage(i.fleet, i.policy, rs),
    latestTelemetry: latestReconcile(i.lastReconcileTelemetry),
    latestHandoffTelemetry: latestHandoff(i.lastHandoffTelemetry, rollup.manual_backlog),
    files: i.files,
  };
};

export type FleetStatusDoc = ReturnType<typeof fleetStatus>;
