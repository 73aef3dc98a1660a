// The manager's durable files for one loop (the reference's paths under .superloop/ops-manager/<loop>/),
// each overridable by the reference's flag of the same name.
import { join, resolve } from 'node:path';
import { str, type Values } from './command.js';
import type { LoopPaths } from './loop-paths.js';

export interface ManagerFiles {
  readonly stateFile: string;
  readonly cursorFile: string;
  readonly healthFile: string;
  readonly intentsFile: string;
  readonly escalationsFile: string;
  readonly heartbeatStateFile: string;
  readonly sequenceStateFile: string;
  readonly driftStateFile: string;
  readonly driftHistoryFile: string;
  readonly alertDispatchStateFile: string;
  readonly alertDispatchTelemetryFile: string;
  readonly reconcileTelemetryFile: string;
  readonly controlTelemetryFile: string;
  readonly controlInvocationsFile: string;
  readonly heartbeatTelemetryFile: string;
  readonly sequenceTelemetryFile: string;
  readonly transportHealthFile: string;
}

const FLAG_OF: Readonly<Partial<Record<keyof ManagerFiles, string>>> = {
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
};

/** The default paths, with any file the command line names instead (relative to `cwd`). */
export const managerFiles = (p: LoopPaths, v: Values, cwd: string): ManagerFiles => {
  const d = p.managerDir;
  const t = join(d, 'telemetry');
  const defaults: ManagerFiles = {
    stateFile: join(d, 'state.json'),
    cursorFile: join(d, 'cursor.json'),
    healthFile: join(d, 'health.json'),
    intentsFile: join(d, 'intents.jsonl'),
    escalationsFile: join(d, 'escalations.jsonl'),
    heartbeatStateFile: join(d, 'heartbeat.json'),
    sequenceStateFile: join(d, 'sequence-state.json'),
    driftStateFile: join(d, 'profile-drift.json'),
    driftHistoryFile: join(t, 'profile-drift.jsonl'),
    alertDispatchStateFile: join(d, 'alert-dispatch-state.json'),
    alertDispatchTelemetryFile: join(t, 'alerts.jsonl'),
    reconcileTelemetryFile: join(t, 'reconcile.jsonl'),
    controlTelemetryFile: join(t, 'control.jsonl'),
    controlInvocationsFile: join(t, 'control-invocations.jsonl'),
    heartbeatTelemetryFile: join(t, 'heartbeat.jsonl'),
    sequenceTelemetryFile: join(t, 'sequence.jsonl'),
    transportHealthFile: join(t, 'transport-health.json'),
  };
  const out: Record<string, string> = { ...defaults };
  for (const [key, flag] of Object.entries(FLAG_OF)) {
    const given = str(v, flag);
    if (given !== undefined) out[key] = resolve(cwd, given);
  }
  return out as unknown as ManagerFiles;
};
