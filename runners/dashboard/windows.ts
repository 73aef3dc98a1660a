// The manager's logs the page shows only the newest records of, as in-memory tail windows sized for
// what the page shows (the summary window matches `opsfold loop status`).
import type { ArtifactState } from '../../lib/dashboard/outputs.js';
import type { LoopFiles } from './loop-files.js';
import { TailWindow } from './tail-window.js';

export const SUMMARY_WINDOW = 200;

/** The tail windows of the manager's logs. */
export const tailWindows = (files: LoopFiles) => {
  const m = files.manager;
  const w = (file: string, size: number) => new TailWindow(file, files.shown(file), size, files.root);
  return {
    intents: w(m.intentsFile, 20),
    invocations: w(m.controlInvocationsFile, 20),
    control: w(m.controlTelemetryFile, SUMMARY_WINDOW),
    reconcile: w(m.reconcileTelemetryFile, SUMMARY_WINDOW),
    alerts: w(m.alertDispatchTelemetryFile, 1),
    escalations: w(m.escalationsFile, 10),
  };
};

export type Windows = ReturnType<typeof tailWindows>;

/** Brings every window up to date and answers each one's artifact state. */
export const updateWindows = async (windows: Windows): Promise<Partial<Record<string, ArtifactState>>> => {
  for (const win of Object.values(windows)) await win.update();
  const states: Partial<Record<string, ArtifactState>> = {};
  for (const [name, win] of Object.entries(windows)) states[name] = await win.artifact();
  return states;
};
