// The operator status of one loop, derived at read time from the manager's durable files (the
// reference's ops-manager-status.sh output, key for key) plus the seed's `visibility.*` summaries.
// Pure: the runner reads the files and passes their parsed contents; nothing here is stored as truth.
import { alt, at } from './event-fields.js';
import { visibilityOf } from './status-visibility.js';

export interface StatusFiles {
  readonly stateFile: string;
  readonly cursorFile: string;
  readonly healthFile: string;
  readonly intentsFile: string;
  readonly driftStateFile: string;
  readonly driftHistoryFile: string;
  readonly alertDispatchStateFile: string;
  readonly alertDispatchTelemetryFile: string;
  readonly reconcileTelemetryFile: string;
  readonly controlTelemetryFile: string;
}

/** What the runner read; `null` for a file that is absent (or a log with no complete record). */
export interface StatusInputs {
  readonly generatedAt: string;
  readonly repoPath: string;
  readonly loopId: string;
  readonly summaryWindow: number;
  readonly files: StatusFiles;
  readonly state: unknown;
  readonly cursor: unknown;
  readonly health: unknown;
  readonly lastIntent: unknown;
  readonly lastControl: unknown;
  readonly lastReconcile: unknown;
  readonly tuningSummary: unknown;
  readonly drift: unknown;
  readonly alertDispatchState: unknown;
  readonly lastAlertDelivery: unknown;
  readonly heartbeat: unknown;
  readonly sequence: unknown;
  readonly lastInvocation: unknown;
}

/** jq `a // b // … // null` over several candidates. */
const first = (...vs: unknown[]): unknown => vs.reduce((acc, v) => alt(acc, v), null) ?? null;

/** jq `with_entries(select(.value != null))`. */
const compact = (o: Record<string, unknown>): Record<string, unknown> =>
  Object.fromEntries(Object.entries(o).filter(([, v]) => v !== null && v !== undefined));

const pick = (src: unknown, keys: readonly string[]): Record<string, unknown> =>
  Object.fromEntries(keys.map((k) => [k, first(at(src, k))]));

const orEmpty = (v: unknown): unknown => (v === null || v === undefined ? {} : v);

const lifecycle = (s: unknown) => ({
  state: first(at(s, 'transition', 'currentState'), at(s, 'projection', 'status'), 'unknown'),
  confidence: first(at(s, 'transition', 'confidence')),
  runId: first(at(s, 'run', 'runId')),
  iteration: first(at(s, 'run', 'iteration')),
});

const tuning = (i: StatusInputs) => {
  const t = i.tuningSummary;
  return {
    summaryWindow: i.summaryWindow,
    appliedProfile: first(
      at(i.state, 'health', 'thresholds', 'profile'),
      at(i.health, 'thresholds', 'profile'),
    ),
    recommendedProfile: first(at(t, 'recommendedProfile')),
    confidence: first(at(t, 'confidence')),
    rationale: first(at(t, 'rationale')),
    telemetrySummary:
      t === null ? null : { observed: orEmpty(at(t, 'observed')), source: orEmpty(at(t, 'source')) },
  };
};

const alerts = (i: StatusInputs) => {
  const d = i.alertDispatchState;
  const last = i.lastAlertDelivery;
  if (d === null && last === null) return null;
  const counts = ['processedCount', 'dispatchedCount', 'skippedCount', 'failedCount'];
  return compact({
    dispatch:
      d === null
        ? null
        : compact({
            status: first(at(d, 'status')),
            updatedAt: first(at(d, 'updatedAt')),
            ...Object.fromEntries(counts.map((k) => [k, first(at(d, k), 0)])),
            failureReasonCodes: first(at(d, 'failureReasonCodes'), []),
            escalationsLineOffset: first(at(d, 'escalationsLineOffset'), 0),
            escalationsLineCount: first(at(d, 'escalationsLineCount'), 0),
          }),
    lastDelivery:
      last === null
        ? null
        : compact(
            pick(last, [
              'timestamp',
              'status',
              'reasonCode',
              'escalationCategory',
              'eventSeverity',
              'sinkCount',
              'dispatchedSinkCount',
              'failedSinkCount',
            ]),
          ),
  });
};

/** Pure: the status document. */
export const buildStatus = (i: StatusInputs): Record<string, unknown> =>
  compact({
    schemaVersion: 'v1',
    generatedAt: i.generatedAt,
    source: { repoPath: i.repoPath, loopId: i.loopId },
    lifecycle: lifecycle(i.state),
    health: first(at(i.state, 'health')) ?? orEmpty(i.health),
    cursor: {
      eventLineOffset: first(at(i.cursor, 'eventLineOffset'), at(i.state, 'cursor', 'eventLineOffset'), 0),
      eventLineCount: first(at(i.cursor, 'eventLineCount'), at(i.state, 'cursor', 'eventLineCount'), 0),
    },
    control: {
      lastIntent: first(at(i.lastIntent, 'intent')),
      lastStatus: first(at(i.lastIntent, 'status')),
      lastRequestedBy: first(at(i.lastIntent, 'requestedBy')),
      lastTimestamp: first(at(i.lastIntent, 'timestamp')),
    },
    reconcile: {
      lastStatus: first(at(i.lastReconcile, 'status')),
      lastTimestamp: first(at(i.lastReconcile, 'timestamp')),
      lastTransport: first(at(i.lastReconcile, 'transport')),
      lastFailureCode: first(at(i.lastReconcile, 'failureCode')),
      lastDurationSeconds: first(at(i.lastReconcile, 'durationSeconds')),
    },
    tuning: tuning(i),
    drift: first(i.drift, at(i.state, 'drift')),
    alerts: alerts(i),
    visibility: visibilityOf(i),
    files: i.files,
  });
