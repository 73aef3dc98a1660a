// Where a loop's artifacts live, as path segments: the Superloop layout under the repo, the
// manager's durable files under .superloop/ops-manager/<loop>/ (each overridable by the reference's
// flag of the same name) and opsfold's own state under <state dir>/loop/<loop>/. Pure data: the
// runners join the segments onto the resolved repo, so path syntax stays the platform's.

/** Pure: a loop id is one path segment (no separator, no NUL, not `.` and no `..`). */
export const isLoopIdSegment = (loopId: string): boolean =>
  loopId !== '' && !/[/\\\0]/.test(loopId) && loopId !== '.' && !loopId.includes('..');

/** Pure: the loop's Superloop artifacts, relative to the repo. */
export const loopArtifacts = (loopId: string) => {
  const superloop = ['.superloop'];
  const loopDir = [...superloop, 'loops', loopId];
  return {
    loopDir,
    events: [...loopDir, 'events.jsonl'],
    runSummary: [...loopDir, 'run-summary.json'],
    state: [...superloop, 'state.json'],
    activeRun: [...superloop, 'active-run.json'],
    approval: [...loopDir, 'approval.json'],
    heartbeat: [...loopDir, 'heartbeat.v1.json'],
    managerDir: [...superloop, 'ops-manager', loopId],
  } as const;
};

/** opsfold's own state for a loop, relative to its state dir. */
export const opsfoldLoopDir = (loopId: string): readonly string[] => ['loop', loopId];

/** The default state dir, relative to the repo. */
export const DEFAULT_STATE_DIR = '.opsfold';

export type ManagerFileKey =
  | 'stateFile'
  | 'cursorFile'
  | 'healthFile'
  | 'intentsFile'
  | 'escalationsFile'
  | 'heartbeatStateFile'
  | 'sequenceStateFile'
  | 'driftStateFile'
  | 'driftHistoryFile'
  | 'alertDispatchStateFile'
  | 'alertDispatchTelemetryFile'
  | 'reconcileTelemetryFile'
  | 'controlTelemetryFile'
  | 'controlInvocationsFile'
  | 'heartbeatTelemetryFile'
  | 'sequenceTelemetryFile'
  | 'transportHealthFile';

/** The manager's files, relative to its directory. */
export const MANAGER_FILES: Readonly<Record<ManagerFileKey, readonly string[]>> = {
  stateFile: ['state.json'],
  cursorFile: ['cursor.json'],
  healthFile: ['health.json'],
  intentsFile: ['intents.jsonl'],
  escalationsFile: ['escalations.jsonl'],
  heartbeatStateFile: ['heartbeat.json'],
  sequenceStateFile: ['sequence-state.json'],
  driftStateFile: ['profile-drift.json'],
  driftHistoryFile: ['telemetry', 'profile-drift.jsonl'],
  alertDispatchStateFile: ['alert-dispatch-state.json'],
  alertDispatchTelemetryFile: ['telemetry', 'alerts.jsonl'],
  reconcileTelemetryFile: ['telemetry', 'reconcile.jsonl'],
  controlTelemetryFile: ['telemetry', 'control.jsonl'],
  controlInvocationsFile: ['telemetry', 'control-invocations.jsonl'],
  heartbeatTelemetryFile: ['telemetry', 'heartbeat.jsonl'],
  sequenceTelemetryFile: ['telemetry', 'sequence.jsonl'],
  transportHealthFile: ['telemetry', 'transport-health.json'],
};

/** The reference's flag naming each overridable manager file. */
export const MANAGER_FILE_FLAGS: Readonly<Partial<Record<ManagerFileKey, string>>> = {
  stateFile: 'state-file',
  cursorFile: 'cursor-file',
  healthFile: 'health-file',
  intentsFile: 'intents-file',
  heartbeatStateFile: 'heartbeat-state-file',
  sequenceStateFile: 'sequence-state-file',
  driftStateFile: 'drift-state-file',
  driftHistoryFile: 'drift-history-file',
  alertDispatchStateFile: 'alert-dispatch-state-file',
  alertDispatchTelemetryFile: 'alert-dispatch-telemetry-file',
  heartbeatTelemetryFile: 'heartbeat-telemetry-file',
  sequenceTelemetryFile: 'sequence-telemetry-file',
  controlInvocationsFile: 'control-invocations-file',
};
