// The loop's adapters for one reconcile pass (lib/loop/reconcile-pass.ts): its files through the
// atomic writer and the locked appender, the loop's lock, the chosen transport, the escalations log,
// the telemetry window and the drift step, all under the settings the command line resolved.
import { join } from 'node:path';
import { appendArtifact, loopRoots, writeArtifact } from '../../cli/artifacts.js';
import { reconcilePass as pass, type PassPlan, type PassResult } from '../../../lib/loop/reconcile-pass.js';
import type { ReconcilePorts } from '../../../lib/loop/reconcile-ports.js';
import { escalate } from '../observability/escalations-log.js';
import { runDriftStep } from '../observability/drift-step.js';
import { readTelemetrySummary } from '../observability/telemetry-window.js';
import { fetchLoop } from '../transport/fetch.js';
import type { EnvelopeFold } from '../../../lib/loop/envelope-fold.js';
import { transportOf } from '../transport/flags.js';
import { withLoopLock } from '../transport/loop-lock.js';
import type { Sleep } from '../../cli/run-clock.js';
import type { ProgressPort } from '../../../lib/io/progress.js';
import { previousDocs } from './previous.js';
import type { StreamAt } from '../stream/snapshot.js';
import type { ReconcileSettings } from './settings.js';

export type { PassResult };

export interface PassDeps {
  readonly sleep: Sleep;
  /** The wall clock, for the pass's duration only (never for timestamps: those are `asOf`). */
  readonly now: () => number;
  /** The open stream the events come from (`--source`); absent: the transport's files or service. */
  readonly stream?: StreamAt;
  /** Progress of the poll's reading (the command line's, on a terminal). */
  readonly progress?: ProgressPort;
}

const planOf = (s: ReconcileSettings): PassPlan => ({
  context: {
    loopId: s.paths.loopId,
    repo: s.paths.repo,
    heartbeatFile: s.paths.heartbeat,
    transport: s.transport.mode,
    traceId: s.traceId,
    asOf: s.asOf,
    thresholds: s.thresholds,
    files: s.files,
    shownFiles: s.shownFiles,
  },
  request: {
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
  },
  snapshotFile: join(s.paths.opsfoldDir, 'snapshot.json'),
  eventsFile: s.paths.events,
  reconcileTelemetryFile: s.files.reconcileTelemetryFile,
});

const poll =
  (s: ReconcileSettings, deps: PassDeps) =>
  <S>(fold: EnvelopeFold<S>) => {
    const request = {
      paths: s.paths,
      cursorFile: s.files.cursorFile,
      fromStart: s.fromStart,
      maxEvents: s.maxEvents,
      traceId: s.traceId,
      asOf: s.asOf.iso,
      skipCorrupt: s.skipCorrupt,
      ...(deps.progress === undefined ? {} : { progress: deps.progress }),
    };
    return deps.stream === undefined
      ? fetchLoop(transportOf(s.transport, deps.sleep), request, fold)
      : import('../stream/fetch.js').then((m) => m.fetchStream(deps.stream!, request, fold));
  };

const summaryOf = (s: ReconcileSettings) => () =>
  readTelemetrySummary({
    repoPath: s.paths.repo,
    loopId: s.paths.loopId,
    reconcileFile: { path: s.files.reconcileTelemetryFile, shownAs: s.files.reconcileTelemetryFile },
    controlFile: { path: s.files.controlTelemetryFile, shownAs: s.files.controlTelemetryFile },
    window: s.drift.summaryWindow,
    generatedAt: s.asOf.iso,
  });

/** The ports of one pass over the loop's files. */
const portsOf = (s: ReconcileSettings, deps: PassDeps): ReconcilePorts => {
  const root = s.paths.repo;
  const opsfoldDir = s.paths.opsfoldDir;
  return {
    lock: (fn) => withLoopLock(s.paths, fn),
    previous: () => previousDocs(loopRoots(s.paths), s.files),
    poll: poll(s, deps),
    write: (file, doc, pretty) => writeArtifact(loopRoots(s.paths), file, doc, pretty),
    append: (file, records) => appendArtifact(loopRoots(s.paths), file, records),
    escalate: (plan) => escalate({ ...plan, root, opsfoldDir }),
    telemetrySummary: summaryOf(s),
    drift: (inputs) =>
      runDriftStep({
        inputs,
        driftStateFile: s.files.driftStateFile,
        driftHistoryFile: s.files.driftHistoryFile,
        escalationsFile: s.files.escalationsFile,
        root,
        opsfoldDir,
        transport: s.transport.mode,
        traceId: s.traceId,
      }),
    now: deps.now,
  };
};

/** Runs one pass holding the loop's lock; a second reconcile or control of the loop gets exit 75. */
export const reconcilePass = (s: ReconcileSettings, deps: PassDeps): Promise<PassResult> =>
  pass(planOf(s), portsOf(s, deps));
