// The `loop status` document for the dashboard, built by the same pure builder the command uses
// (lib/loop/status.ts buildStatus) from what the loop model has already read: documents, and the
// last record of each telemetry window. A document that is corrupt counts as absent here; the page
// shows its file:line separately.
import { buildStatus } from '../../lib/loop/status.js';
import { summarizeTelemetry } from '../../lib/loop/telemetry-summary.js';
import type { DocSet } from './loop-docs.js';
import type { LoopFiles } from './loop-files.js';
import type { TailWindow } from './tail-window.js';

export interface StatusSources {
  readonly repo: string;
  readonly loopId: string;
  readonly files: LoopFiles;
  readonly docs: DocSet;
  readonly asOf: { readonly iso: string };
  readonly windows: {
    readonly intents: TailWindow;
    readonly invocations: TailWindow;
    readonly control: TailWindow;
    readonly reconcile: TailWindow;
  };
  readonly lastAlert: unknown;
  readonly summaryWindow: number;
  readonly reconcileExists: boolean;
}

/** The status document (`loop status` output) as of `asOf`. */
export const statusOf = (s: StatusSources): Record<string, unknown> => {
  const m = s.files.manager;
  const shown = s.files.shown;
  const d = s.docs;
  const summary = s.reconcileExists
    ? summarizeTelemetry({
        generatedAt: s.asOf.iso,
        repoPath: s.repo,
        loopId: s.loopId,
        reconcileTelemetryFile: shown(m.reconcileTelemetryFile),
        controlTelemetryFile: shown(m.controlTelemetryFile),
        window: s.summaryWindow,
        reconcile: s.windows.reconcile.records,
        control: s.windows.control.records,
      })
    : null;
  return buildStatus({
    generatedAt: s.asOf.iso,
    repoPath: s.repo,
    loopId: s.loopId,
    summaryWindow: s.summaryWindow,
    state: d.state.value,
    cursor: d.cursor.value,
    health: d.health.value,
    drift: d.drift.value,
    alertDispatchState: d.alertDispatchState.value,
    heartbeat: d.heartbeat.value,
    sequence: d.sequence.value,
    lastIntent: s.windows.intents.last,
    lastReconcile: s.windows.reconcile.last,
    lastAlertDelivery: s.lastAlert,
    lastInvocation: s.windows.invocations.last,
    lastControl: s.windows.control.last,
    tuningSummary: summary,
    files: {
      stateFile: shown(m.stateFile),
      cursorFile: shown(m.cursorFile),
      healthFile: shown(m.healthFile),
      intentsFile: shown(m.intentsFile),
      driftStateFile: shown(m.driftStateFile),
      driftHistoryFile: shown(m.driftHistoryFile),
      alertDispatchStateFile: shown(m.alertDispatchStateFile),
      alertDispatchTelemetryFile: shown(m.alertDispatchTelemetryFile),
      reconcileTelemetryFile: shown(m.reconcileTelemetryFile),
      controlTelemetryFile: shown(m.controlTelemetryFile),
    },
  });
};
