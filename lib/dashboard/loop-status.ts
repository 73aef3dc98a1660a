// The `loop status` document for the dashboard, built by the same pure decision the command uses
// (lib/loop/status.ts decideStatus) from what the loop model has already read. The documents and the
// last record of each telemetry window are decoded once, when they are read, through the loop's
// status views; a document that is corrupt counts as absent here (the page shows its file:line
// separately).
import { readView } from '../loop/lenient.js';
import { decideStatus } from '../loop/status.js';
import { StatusTuningView, statusViews, type StatusViews } from '../loop/status-views.js';
import { summarizeTelemetry } from '../loop/telemetry-summary.js';
import type { DocSet } from './loop-docs.js';
import type { LoopFiles } from './loop-files.js';
import type { RecordWindow } from './windows.js';

/** The windows whose records the status reads. */
export interface StatusWindows {
  readonly intents: RecordWindow;
  readonly invocations: RecordWindow;
  readonly control: RecordWindow;
  readonly reconcile: RecordWindow;
  readonly alerts: RecordWindow;
}

/** The status's inputs as decoded when read; the telemetry summary is computed as of the asking. */
export type StatusReads = Omit<StatusViews, 'tuningSummary'>;

/** Pure: the documents and the windows' last records through the loop's status views. */
export const statusReadsOf = (d: DocSet, w: StatusWindows): StatusReads => {
  const { tuningSummary: _asOfTheAsking, ...reads } = statusViews({
    state: d.state.value,
    cursor: d.cursor.value,
    health: d.health.value,
    drift: d.drift.value,
    alertDispatchState: d.alertDispatchState.value,
    heartbeat: d.heartbeat.value,
    sequence: d.sequence.value,
    lastIntent: w.intents.last,
    lastReconcile: w.reconcile.last,
    lastAlertDelivery: w.alerts.last,
    lastInvocation: w.invocations.last,
    lastControl: w.control.last,
    tuningSummary: null,
  });
  return reads;
};

export interface StatusSources {
  readonly repo: string;
  readonly loopId: string;
  readonly files: LoopFiles;
  readonly reads: StatusReads;
  readonly asOf: { readonly iso: string };
  /** The reconcile and control telemetry windows the tuning summary is computed over. */
  readonly telemetry: { readonly reconcile: readonly unknown[]; readonly control: readonly unknown[] };
  readonly summaryWindow: number;
  /** Whether the reconcile telemetry log is there (no summary without it). */
  readonly reconcileExists: boolean;
}

const summaryOf = (s: StatusSources) => {
  const m = s.files.manager;
  return summarizeTelemetry({
    generatedAt: s.asOf.iso,
    repoPath: s.repo,
    loopId: s.loopId,
    reconcileTelemetryFile: s.files.shown(m.reconcileTelemetryFile),
    controlTelemetryFile: s.files.shown(m.controlTelemetryFile),
    window: s.summaryWindow,
    reconcile: s.telemetry.reconcile,
    control: s.telemetry.control,
  });
};

/** Pure: the status document (`loop status` output) as of `asOf`. */
export const loopStatusOf = (s: StatusSources): Record<string, unknown> => {
  const shown = s.files.shown;
  const m = s.files.manager;
  return decideStatus({
    generatedAt: s.asOf.iso,
    repoPath: s.repo,
    loopId: s.loopId,
    summaryWindow: s.summaryWindow,
    ...s.reads,
    tuningSummary: readView(StatusTuningView, s.reconcileExists ? summaryOf(s) : null),
    files: {
      stateFile: shown(m.stateFile),
      cursorFile: shown(m.cursorFile),
      healthFile: shown(m.healthFile),
      intentsFile: shown(m.intentsFile),
      heartbeatStateFile: shown(m.heartbeatStateFile),
      heartbeatTelemetryFile: shown(m.heartbeatTelemetryFile),
      sequenceStateFile: shown(m.sequenceStateFile),
      sequenceTelemetryFile: shown(m.sequenceTelemetryFile),
      controlInvocationsFile: shown(m.controlInvocationsFile),
      driftStateFile: shown(m.driftStateFile),
      driftHistoryFile: shown(m.driftHistoryFile),
      alertDispatchStateFile: shown(m.alertDispatchStateFile),
      alertDispatchTelemetryFile: shown(m.alertDispatchTelemetryFile),
      reconcileTelemetryFile: shown(m.reconcileTelemetryFile),
      controlTelemetryFile: shown(m.controlTelemetryFile),
    },
  });
};
