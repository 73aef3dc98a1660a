// The manager's logs the page shows only the newest records of, as in-memory tail windows sized for
// what the page shows (the summary window matches `opsfold loop status`). The runner reads each
// window from its file; which logs, how many records, and bringing them up to date are here.
import type { ManagerFileKey } from '../loop/layout.js';
import type { ArtifactState } from './outputs.js';

export const SUMMARY_WINDOW = 200;

/** Each window's log (a manager file) and how many of its newest records it keeps, in page order. */
export const WINDOWS = {
  intents: { file: 'intentsFile', size: 20 },
  invocations: { file: 'controlInvocationsFile', size: 20 },
  control: { file: 'controlTelemetryFile', size: SUMMARY_WINDOW },
  reconcile: { file: 'reconcileTelemetryFile', size: SUMMARY_WINDOW },
  alerts: { file: 'alertDispatchTelemetryFile', size: 1 },
  escalations: { file: 'escalationsFile', size: 10 },
} as const satisfies Readonly<Record<string, { file: ManagerFileKey; size: number }>>;

export type WindowName = keyof typeof WINDOWS;

/** The last records of one log, as the runner's reader keeps them. */
export interface RecordWindow {
  /** Records oldest first. */
  readonly records: readonly unknown[];
  /** The newest record; null when there is none. */
  readonly last: unknown;
  /** Records newest first. */
  newest(n: number): unknown[];
  /** Brings the window up to date with its log. */
  update(): Promise<void>;
  /** What the page says about the log (missing, empty, ok, corrupt at file:line). */
  artifact(): Promise<ArtifactState>;
}

export type Windows = Readonly<Record<WindowName, RecordWindow>>;

/** Brings every window up to date and answers each one's artifact state. */
export const updateWindows = async (windows: Windows): Promise<Partial<Record<string, ArtifactState>>> => {
  for (const win of Object.values(windows)) await win.update();
  const states: Partial<Record<string, ArtifactState>> = {};
  for (const [name, win] of Object.entries(windows)) states[name] = await win.artifact();
  return states;
};
