// The logs of one loop as the dashboard keeps them: events.jsonl and escalations.jsonl folded
// incrementally from checkpoints, the other manager logs as in-memory tail windows.
import type { ArtifactState } from '../../lib/dashboard/outputs.js';
import {
  decodeEvent,
  eventsIndexProjection,
  type EventsIndexState,
} from '../../lib/dashboard/events-index.js';
import { tracked } from '../../lib/dashboard/tracked.js';
import {
  decodeEscalation,
  escalationsProjection,
  type EscalationHistory,
} from '../../lib/loop/escalations.js';
import type { FoldOutcome } from '../../lib/dashboard/fold-outcome.js';
import { fileCheckpointStore } from '../../lib/io/checkpoint-store.js';
import { foldIncremental } from './folds.js';
import type { LoopFiles } from './loop-files.js';
import { TailWindow } from './tail-window.js';

export const SUMMARY_WINDOW = 200;

const eventsIndex = tracked(eventsIndexProjection, 'dashboard-events-index');
const escalations = tracked(escalationsProjection, 'dashboard-escalations');

/** The tail windows of the manager's logs, sized for what the page shows. */
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

export interface FoldedLogs {
  readonly events: FoldOutcome<EventsIndexState>;
  readonly escalations: FoldOutcome<EscalationHistory>;
}

/** Folds events.jsonl and escalations.jsonl from their checkpoints. */
export const foldLogs = async (f: LoopFiles): Promise<FoldedLogs> => {
  const checkpoints = fileCheckpointStore(f.checkpoints);
  return {
    events: await foldIncremental({
      file: f.paths.events,
      root: f.root,
      shownAs: f.shown(f.paths.events),
      projection: eventsIndex,
      checkpoints,
      key: `${eventsIndex.name}.json`,
      decode: decodeEvent,
    }),
    escalations: await foldIncremental({
      file: f.manager.escalationsFile,
      root: f.root,
      shownAs: f.shown(f.manager.escalationsFile),
      projection: escalations,
      checkpoints,
      key: `${escalations.name}.json`,
      decode: decodeEscalation,
    }),
  };
};

/** Brings every window up to date and answers each one's artifact state. */
export const updateWindows = async (windows: Windows): Promise<Partial<Record<string, ArtifactState>>> => {
  for (const win of Object.values(windows)) await win.update();
  const states: Partial<Record<string, ArtifactState>> = {};
  for (const [name, win] of Object.entries(windows)) states[name] = await win.artifact();
  return states;
};
