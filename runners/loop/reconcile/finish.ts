// The end of a reconcile pass, after health: append the reconcile telemetry line, read the telemetry
// summary that now includes it, run the profile drift step over it, and write the state document
// lib/loop/reconcile-finish.ts merges (health, drift, tuning).
import { writeJsonAtomic } from '../../../lib/io/atomic.js';
import { appendJsonl } from '../../../lib/io/append.js';
import type { IngestFailure } from '../../../lib/loop/reconcile-decision.js';
import {
  driftInputs,
  finalState,
  reconcileTelemetry,
  type PassOutcome,
  type ReconcileRequest,
} from '../../../lib/loop/reconcile-finish.js';
import type { TelemetrySummary } from '../../../lib/loop/telemetry-summary.js';
import { runDriftStep, type DriftOutcome } from '../observability/drift-step.js';
import { readTelemetrySummary } from '../observability/telemetry-window.js';
import type { Ingested } from './ingest.js';
import type { ReconcileSettings } from './settings.js';

export interface AfterHealth extends Omit<PassOutcome, 'poll' | 'failure'> {
  readonly ingested: Ingested | null;
  readonly failure: IngestFailure | null;
  readonly previousState: unknown;
}

export interface Finished {
  /** The state document written (null when a failed pass had no previous state to annotate). */
  readonly state: Record<string, unknown> | null;
  readonly drift: DriftOutcome['drift'] | null;
  readonly notes: readonly string[];
}

const requestOf = (s: ReconcileSettings): ReconcileRequest => ({
  loopId: s.paths.loopId,
  transport: s.transport.mode,
  traceId: s.traceId,
  asOf: s.asOf.iso,
  maxEvents: s.maxEvents,
  fromStart: s.fromStart,
  retryAttempts: s.transport.retryAttempts,
  retryBackoffSeconds: s.transport.retryBackoffSeconds,
  thresholdProfile: s.thresholds.profile,
  drift: s.drift,
});

const outcomeOf = (a: AfterHealth): PassOutcome => {
  const f = a.ingested?.fetched;
  return {
    ...a,
    poll:
      f === undefined
        ? null
        : {
            eventsIngested: f.events.length,
            cursorOffsetBefore: f.cursorOffsetBefore,
            cursorDoc: f.cursorDoc,
          },
  };
};

const summary = (s: ReconcileSettings): Promise<TelemetrySummary> =>
  readTelemetrySummary({
    repoPath: s.paths.repo,
    loopId: s.paths.loopId,
    reconcileFile: { path: s.files.reconcileTelemetryFile, shownAs: s.files.reconcileTelemetryFile },
    controlFile: { path: s.files.controlTelemetryFile, shownAs: s.files.controlTelemetryFile },
    window: s.drift.summaryWindow,
    generatedAt: s.asOf.iso,
  });

const driftStep = (s: ReconcileSettings, r: ReconcileRequest, t: TelemetrySummary) =>
  runDriftStep({
    inputs: driftInputs(r, t),
    driftStateFile: s.files.driftStateFile,
    driftHistoryFile: s.files.driftHistoryFile,
    escalationsFile: s.files.escalationsFile,
    root: s.paths.repo,
    opsfoldDir: s.paths.opsfoldDir,
    transport: s.transport.mode,
    traceId: s.traceId,
  });

/** Appends the telemetry, runs the drift step and writes the final state document. */
export const afterHealth = async (s: ReconcileSettings, a: AfterHealth): Promise<Finished> => {
  const r = requestOf(s);
  await appendJsonl(s.files.reconcileTelemetryFile, [reconcileTelemetry(r, outcomeOf(a))]);
  const t = await summary(s);
  const drift = await driftStep(s, r, t);
  const state = finalState(r, a.ingested?.state ?? a.previousState, {
    health: a.health,
    drift: drift.drift,
    summary: t,
  });
  if (state !== null) await writeJsonAtomic(s.files.stateFile, state, undefined, false);
  return { state, drift: drift.drift, notes: drift.notes };
};
