// One reconcile context for the tests of the reconcile decision and the pass: the reference's default
// thresholds, and the manager files under `managerDir` (telemetry files under `telemetryDir`).
import type { ReconcileContext } from './reconcile-decision.js';

export const testContext = (
  { loopId, repo }: { readonly loopId: string; readonly repo: string },
  managerDir: string,
  telemetryDir: string,
  asOf: string,
): ReconcileContext => ({
  loopId,
  repo,
  heartbeatFile: `${repo}/.superloop/loops/${loopId}/heartbeat.v1.json`,
  transport: 'local',
  traceId: null,
  asOf: { iso: asOf, ms: Date.parse(asOf) },
  thresholds: {
    profile: null,
    degradedIngestLagSeconds: 300,
    criticalIngestLagSeconds: 900,
    degradedTransportFailureStreak: 2,
    criticalTransportFailureStreak: 4,
    degradedHeartbeatLagSeconds: 120,
    criticalHeartbeatLagSeconds: 300,
  },
  files: {
    stateFile: `${managerDir}/state.json`,
    cursorFile: `${managerDir}/cursor.json`,
    healthFile: `${managerDir}/health.json`,
    escalationsFile: `${managerDir}/escalations.jsonl`,
    transportHealthFile: `${telemetryDir}/transport-health.json`,
    heartbeatStateFile: `${managerDir}/heartbeat.json`,
    heartbeatTelemetryFile: `${telemetryDir}/heartbeat.jsonl`,
    sequenceStateFile: `${managerDir}/sequence-state.json`,
    sequenceTelemetryFile: `${telemetryDir}/sequence.jsonl`,
  },
});
