// The operator status of one loop, derived at read time from the manager's durable files (the
// reference's ops-manager-status.sh output, key for key) plus the seed's `visibility.*` summaries.
// Pure: the runner reads the files and decodes them through their views (status-views.ts); nothing
// here is stored as truth.
import { alt } from './event-fields.js';
import type { Json } from './lenient.js';
import { statusViews, type StatusDocs, type StatusViews } from './status-views.js';
import { traceLinkage, visibilityOf } from './status-visibility.js';

export interface StatusFiles {
  readonly stateFile: string;
  readonly cursorFile: string;
  readonly healthFile: string;
  readonly intentsFile: string;
  readonly heartbeatStateFile: string;
  readonly heartbeatTelemetryFile: string;
  readonly sequenceStateFile: string;
  readonly sequenceTelemetryFile: string;
  readonly controlInvocationsFile: string;
  readonly driftStateFile: string;
  readonly driftHistoryFile: string;
  readonly alertDispatchStateFile: string;
  readonly alertDispatchTelemetryFile: string;
  readonly reconcileTelemetryFile: string;
  readonly controlTelemetryFile: string;
}

/** The status's file references, picked from a larger file table (only these are reported). */
export const pickStatusFiles = (f: StatusFiles): StatusFiles => ({
  stateFile: f.stateFile,
  cursorFile: f.cursorFile,
  healthFile: f.healthFile,
  intentsFile: f.intentsFile,
  heartbeatStateFile: f.heartbeatStateFile,
  heartbeatTelemetryFile: f.heartbeatTelemetryFile,
  sequenceStateFile: f.sequenceStateFile,
  sequenceTelemetryFile: f.sequenceTelemetryFile,
  controlInvocationsFile: f.controlInvocationsFile,
  driftStateFile: f.driftStateFile,
  driftHistoryFile: f.driftHistoryFile,
  alertDispatchStateFile: f.alertDispatchStateFile,
  alertDispatchTelemetryFile: f.alertDispatchTelemetryFile,
  reconcileTelemetryFile: f.reconcileTelemetryFile,
  controlTelemetryFile: f.controlTelemetryFile,
});

interface StatusContext {
  readonly generatedAt: string;
  readonly repoPath: string;
  readonly loopId: string;
  readonly summaryWindow: number;
  readonly files: StatusFiles;
}

/** What the runner read, as files hold it; `null` for a file that is absent (or an empty log). */
export type StatusInputs = StatusContext & StatusDocs;

/** The runner's documents decoded through their views. */
export type StatusViewInputs = StatusContext & StatusViews;

/** jq `a // b // … // null` over several candidates. */
const first = (...vs: unknown[]): unknown => vs.reduce((acc, v) => alt(acc, v), null) ?? null;

/** jq `with_entries(select(.value != null))`. */
const compact = (o: Record<string, unknown>): Record<string, unknown> =>
  Object.fromEntries(Object.entries(o).filter(([, v]) => v !== null && v !== undefined));

const orEmpty = (v: Json): Json => v ?? {};

const lifecycle = (s: StatusViewInputs['state']) => ({
  state: first(s.currentState, s.projectionStatus, 'unknown'),
  confidence: first(s.confidence),
  runId: first(s.runId),
  iteration: first(s.iteration),
});

const tuning = (i: StatusViewInputs) => {
  const t = i.tuningSummary;
  return {
    summaryWindow: i.summaryWindow,
    appliedProfile: first(i.state.appliedProfile, i.health.appliedProfile),
    recommendedProfile: first(t?.recommendedProfile),
    confidence: first(t?.confidence),
    rationale: first(t?.rationale),
    telemetrySummary: t === null ? null : { observed: orEmpty(t.observed), source: orEmpty(t.source) },
  };
};

const dispatchOf = (d: NonNullable<StatusViewInputs['alertDispatchState']>) =>
  compact({
    status: first(d.status),
    updatedAt: first(d.updatedAt),
    processedCount: first(d.processedCount, 0),
    dispatchedCount: first(d.dispatchedCount, 0),
    skippedCount: first(d.skippedCount, 0),
    failedCount: first(d.failedCount, 0),
    failureReasonCodes: first(d.failureReasonCodes, []),
    escalationsLineOffset: first(d.escalationsLineOffset, 0),
    escalationsLineCount: first(d.escalationsLineCount, 0),
    lastTraceId: first(d.traceId),
  });

const deliveryOf = (l: NonNullable<StatusViewInputs['lastAlertDelivery']>) =>
  compact({
    timestamp: first(l.timestamp),
    status: first(l.status),
    reasonCode: first(l.reasonCode),
    escalationCategory: first(l.escalationCategory),
    eventSeverity: first(l.eventSeverity),
    sinkCount: first(l.sinkCount),
    dispatchedSinkCount: first(l.dispatchedSinkCount),
    failedSinkCount: first(l.failedSinkCount),
    traceId: first(l.traceId),
    escalationTraceId: first(l.escalationTraceId),
  });

const alerts = (i: StatusViewInputs) => {
  const d = i.alertDispatchState;
  const last = i.lastAlertDelivery;
  if (d === null && last === null) return null;
  return compact({
    dispatch: d === null ? null : dispatchOf(d),
    lastDelivery: last === null ? null : deliveryOf(last),
  });
};

/** Pure: the status document from the decoded documents. */
export const decideStatus = (i: StatusViewInputs): Record<string, unknown> =>
  compact({
    schemaVersion: 'v1',
    generatedAt: i.generatedAt,
    source: { repoPath: i.repoPath, loopId: i.loopId },
    lifecycle: lifecycle(i.state),
    health: first(i.state.health) ?? orEmpty(i.health.doc),
    cursor: {
      eventLineOffset: first(i.cursor.eventLineOffset, i.state.eventLineOffset, 0),
      eventLineCount: first(i.cursor.eventLineCount, i.state.eventLineCount, 0),
    },
    control: {
      lastIntent: first(i.lastIntent.intent),
      lastStatus: first(i.lastIntent.status),
      lastRequestedBy: first(i.lastIntent.requestedBy),
      lastTimestamp: first(i.lastIntent.timestamp),
      lastTraceId: first(i.lastIntent.traceId, i.lastControl.traceId),
    },
    reconcile: {
      lastStatus: first(i.lastReconcile.status),
      lastTimestamp: first(i.lastReconcile.timestamp),
      lastTransport: first(i.lastReconcile.transport),
      lastFailureCode: first(i.lastReconcile.failureCode),
      lastDurationSeconds: first(i.lastReconcile.durationSeconds),
      lastTraceId: first(i.lastReconcile.traceId),
    },
    tuning: tuning(i),
    drift: first(i.drift, i.state.drift),
    alerts: alerts(i),
    visibility: visibilityOf(i),
    traceLinkage: traceLinkage(i),
    files: i.files,
  });

/** Pure: the status document from the documents as files hold them (decoded here, once). */
export const buildStatus = (i: StatusInputs): Record<string, unknown> =>
  decideStatus({ ...i, ...statusViews(i) });
