// The end of a reconcile pass, after health: the reconcile telemetry line, the profile drift step
// (over the telemetry summary that now includes this pass) and the state file with health, drift
// and tuning merged in, as the reference leaves it.
import { writeJsonAtomic } from '../../../lib/io/atomic.js';
import { appendJsonl } from '../../../lib/io/append.js';
import { at } from '../../../lib/loop/event-fields.js';
import type { HealthDoc } from '../../../lib/loop/health.js';
import { confidenceLevel } from '../../../lib/loop/profile-drift.js';
import { reconcileRecord } from '../../../lib/loop/reconcile-record.js';
import type { TelemetrySummary } from '../../../lib/loop/telemetry-summary.js';
import type { TransportHealth } from '../../../lib/loop/transport-health.js';
import { runDriftStep, type DriftOutcome } from '../observability/drift-step.js';
import { readTelemetrySummary } from '../observability/telemetry-window.js';
import type { Ingested, IngestFailure } from './ingest.js';
import type { ReconcileSettings } from './settings.js';

export interface AfterHealth {
  readonly ingested: Ingested | null;
  readonly failure: IngestFailure | null;
  readonly health: HealthDoc;
  readonly transportHealth: TransportHealth;
  readonly previousState: unknown;
  readonly cursorBefore: number;
  readonly durationSeconds: number;
}

export interface Finished {
  /** The state document written (null when a failed pass had no previous state to annotate). */
  readonly state: Record<string, unknown> | null;
  readonly drift: DriftOutcome['drift'] | null;
  readonly notes: readonly string[];
}

const record = (s: ReconcileSettings, a: AfterHealth) =>
  reconcileRecord({
    timestamp: s.asOf.iso,
    startedAt: s.asOf.iso,
    loopId: s.paths.loopId,
    transport: s.transport.mode,
    ok: a.ingested !== null,
    failureCode: a.failure?.failureCode ?? null,
    failureMessage: a.failure?.message ?? null,
    cursorOffsetBefore: a.ingested?.fetched.cursorOffsetBefore ?? a.cursorBefore,
    cursorOffsetAfter: Number(at(a.ingested?.fetched.cursorDoc, 'eventLineOffset') ?? a.cursorBefore),
    eventsIngested: a.ingested?.fetched.events.length ?? 0,
    maxEvents: s.maxEvents,
    fromStart: s.fromStart,
    retryAttempts: s.transport.retryAttempts,
    retryBackoffSeconds: s.transport.retryBackoffSeconds,
    thresholdProfile: s.thresholds.profile,
    durationSeconds: a.durationSeconds,
    transportFailureStreak: a.transportHealth.failureStreak,
    healthStatus: a.health.status,
    healthReasonCodes: a.health.reasonCodes,
    traceId: s.traceId,
  });

const summary = (s: ReconcileSettings): Promise<TelemetrySummary> =>
  readTelemetrySummary({
    repoPath: s.paths.repo,
    loopId: s.paths.loopId,
    reconcileFile: { path: s.files.reconcileTelemetryFile, shownAs: s.files.reconcileTelemetryFile },
    controlFile: { path: s.files.controlTelemetryFile, shownAs: s.files.controlTelemetryFile },
    window: s.drift.summaryWindow,
    generatedAt: s.asOf.iso,
  });

const driftStep = (s: ReconcileSettings, t: TelemetrySummary) =>
  runDriftStep({
    inputs: {
      loopId: s.paths.loopId,
      now: s.asOf.iso,
      appliedProfile: s.thresholds.profile,
      recommendedProfile: t.recommendedProfile,
      recommendationConfidence: confidenceLevel(t.confidence) ?? 'low',
      minConfidence: s.drift.minConfidence,
      requiredStreak: s.drift.requiredStreak,
      summaryWindow: s.drift.summaryWindow,
      rationale: t.rationale,
    },
    driftStateFile: s.files.driftStateFile,
    driftHistoryFile: s.files.driftHistoryFile,
    escalationsFile: s.files.escalationsFile,
    root: s.paths.repo,
    opsfoldDir: s.paths.opsfoldDir,
    transport: s.transport.mode,
    traceId: s.traceId,
  });

const tuningOf = (s: ReconcileSettings, t: TelemetrySummary) => ({
  appliedProfile: s.thresholds.profile,
  recommendedProfile: t.recommendedProfile,
  confidence: t.confidence,
  rationale: t.rationale,
  summaryWindow: s.drift.summaryWindow,
  telemetrySummary: { observed: t.observed, source: t.source },
});

/** Appends the telemetry, runs the drift step and writes the final state document. */
export const afterHealth = async (s: ReconcileSettings, a: AfterHealth): Promise<Finished> => {
  await appendJsonl(s.files.reconcileTelemetryFile, [record(s, a)]);
  const t = await summary(s);
  const drift = await driftStep(s, t);
  const base = a.ingested?.state ?? a.previousState;
  if (base === null || typeof base !== 'object')
    return { state: null, drift: drift.drift, notes: drift.notes };
  const state = {
    ...(base as Record<string, unknown>),
    health: a.health,
    drift: drift.drift,
    tuning: tuningOf(s, t),
  };
  await writeJsonAtomic(s.files.stateFile, state, undefined, false);
  return { state, drift: drift.drift, notes: drift.notes };
};
