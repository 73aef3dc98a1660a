// The judging half of one reconcile pass, pure: given what the last pass left behind and what this
// pass ingested (or why it could not), the transport health, the heartbeat and sequence
// observations and the health decision, with the documents to write and the telemetry to append as
// data, in the order the pass applies them (observations before health, so a crash re-judges from
// the same inputs), and the escalation conditions to plan against the log once health is written.
import * as E from 'fp-ts/lib/Either.js';
import { displayPath } from './artifact-ref.js';
import type { SnapshotView } from './envelope-views.js';
import {
  DIVERGENCE_CATEGORY,
  HEALTH_CATEGORIES,
  ORDERING_CATEGORY,
  divergenceConditions,
  healthConditions,
  orderingConditions,
} from './escalations-conditions.js';
import type { ActiveCondition, PlanScope } from './escalations.js';
import { decideHealth, type HealthDoc, type HealthThresholds } from './health.js';
import { heartbeatState, heartbeatTelemetry } from './heartbeat.js';
import type { ProjectedState } from './project-state.js';
import { sequenceDiagnostics, sequenceTelemetry, type EventSequenceState } from './sequence.js';
import { nextTransportHealth, type TransportHealth } from './transport-health.js';
import { readView } from './lenient.js';
import {
  StateView,
  TransportGradeView,
  type DriftGradeView,
  type HeartbeatView,
  type SequenceView,
  type TransportPreviousView,
} from './manager-views.js';

/** The manager files a reconcile pass writes, or names in the escalations it raises. */
export interface ReconcileFiles {
  readonly stateFile: string;
  readonly cursorFile: string;
  readonly healthFile: string;
  readonly escalationsFile: string;
  readonly transportHealthFile: string;
  readonly heartbeatStateFile: string;
  readonly heartbeatTelemetryFile: string;
  readonly sequenceStateFile: string;
  readonly sequenceTelemetryFile: string;
}

export interface ReconcileContext {
  readonly loopId: string;
  readonly repo: string;
  /** The runtime heartbeat file, named (repo-relative when inside the repo) in the evidence. */
  readonly heartbeatFile: string;
  readonly transport: string;
  readonly traceId: string | null;
  readonly asOf: { readonly ms: number; readonly iso: string };
  readonly thresholds: HealthThresholds;
  readonly files: ReconcileFiles;
  /** The same files as the escalations name them (the reference echoes a path as given); else `files`. */
  readonly shownFiles?: ReconcileFiles;
}

/** What the last pass left behind, each document through its view (absent or unreadable as `{}`). */
export interface ReconcilePrevious {
  readonly transport: TransportPreviousView;
  readonly state: StateView;
  readonly heartbeat: HeartbeatView;
  readonly sequence: SequenceView;
  readonly drift: DriftGradeView;
  /** `.status` of the last intents.jsonl record; null when there is none. */
  readonly lastIntentStatus: string | null;
}

/** What a successful ingest saw: the snapshot envelope, the projected state, the events' sequence. */
export interface IngestedFacts {
  readonly snapshot: SnapshotView;
  readonly state: ProjectedState;
  readonly sequence: EventSequenceState;
}

/** A failed ingest, with the reference's failure code. */
export interface IngestFailure {
  readonly failureCode: string;
  readonly message: string;
}

/** One write of the pass: a whole document (atomically) or records appended to a log. */
export type ReconcileEffect =
  | { readonly kind: 'write'; readonly file: string; readonly doc: unknown }
  | { readonly kind: 'append'; readonly file: string; readonly records: readonly unknown[] };

/** The conditions active now, to plan against the escalation log as it is when they are appended. */
export interface EscalationRequest {
  readonly file: string;
  readonly active: readonly ActiveCondition[];
  readonly scope: PlanScope;
  readonly asOf: string;
  readonly resolveExtras: Readonly<Record<string, unknown>>;
}

const observe = (c: ReconcileContext, got: IngestedFacts | null, previousSequence: SequenceView) => {
  const ctx = { loopId: c.loopId, asOf: c.asOf.iso, transport: c.transport, traceId: c.traceId };
  const runtime = got === null ? null : got.snapshot.heartbeat;
  const heartbeat =
    runtime === null
      ? null
      : heartbeatState({
          ...ctx,
          asOfMs: c.asOf.ms,
          runtime,
          sourceFile: displayPath(c.repo, c.heartbeatFile),
          thresholds: c.thresholds,
        });
  const sequence =
    got === null
      ? null
      : sequenceDiagnostics({
          ...ctx,
          snapshot: got.snapshot,
          events: got.sequence,
          previous: previousSequence,
        });
  return { heartbeat, sequence };
};

type Observed = ReturnType<typeof observe>;

const healthOf = (
  c: ReconcileContext,
  prev: ReconcilePrevious,
  j: {
    got: IngestedFacts | null;
    failureCode: string | null;
    transportHealth: TransportHealth;
    seen: Observed;
  },
) =>
  decideHealth({
    asOf: c.asOf.iso,
    asOfMs: c.asOf.ms,
    state: j.got === null ? prev.state : readView(StateView, j.got.state),
    transportHealth: readView(TransportGradeView, j.transportHealth),
    lastIntentStatus: prev.lastIntentStatus,
    heartbeat: j.seen.heartbeat ?? prev.heartbeat,
    sequence: j.seen.sequence ?? prev.sequence,
    drift: prev.drift,
    transport: c.transport,
    ingestStatus: j.failureCode === null ? 'success' : 'failed',
    failureCode: j.failureCode,
    thresholds: c.thresholds,
    traceId: c.traceId,
  });

const effectsOf = (f: ReconcileFiles, j: Judged): ReconcileEffect[] => {
  const { heartbeat, sequence } = j.seen;
  return [
    { kind: 'write', file: f.transportHealthFile, doc: j.transportHealth },
    ...(heartbeat === null
      ? []
      : [
          { kind: 'write', file: f.heartbeatStateFile, doc: heartbeat } as const,
          {
            kind: 'append',
            file: f.heartbeatTelemetryFile,
            records: [heartbeatTelemetry(heartbeat)],
          } as const,
        ]),
    ...(sequence === null
      ? []
      : [
          { kind: 'write', file: f.sequenceStateFile, doc: sequence } as const,
          { kind: 'append', file: f.sequenceTelemetryFile, records: [sequenceTelemetry(sequence)] } as const,
        ]),
    { kind: 'write', file: f.healthFile, doc: j.health },
  ];
};

const escalationsOf = (c: ReconcileContext, got: IngestedFacts | null, j: Judged): EscalationRequest => {
  const f = c.shownFiles ?? c.files;
  const ctx = { loopId: c.loopId, transport: c.transport, traceId: c.traceId };
  const where = { stateFile: f.stateFile, cursorFile: f.cursorFile };
  const divergence =
    got === null ? [] : divergenceConditions(got.state, { ...ctx, timestamp: c.asOf.iso }, where);
  const sequence = j.seen.sequence;
  const { stateFile, sequenceStateFile, sequenceTelemetryFile } = f;
  const ordering =
    sequence === null
      ? []
      : orderingConditions(sequence, ctx, { stateFile, sequenceStateFile, sequenceTelemetryFile });
  const health = healthConditions(j.health, ctx, { ...where, healthFile: f.healthFile });
  return {
    file: c.files.escalationsFile,
    // The reference appends divergence, then ordering drift, then health: the last record is health's.
    active: [...divergence, ...ordering, ...health],
    // A failed ingest says nothing about divergence or ordering: leave those escalations as they are.
    scope: {
      loopId: c.loopId,
      categories: [...HEALTH_CATEGORIES, ...(got === null ? [] : [DIVERGENCE_CATEGORY, ORDERING_CATEGORY])],
    },
    asOf: c.asOf.iso,
    resolveExtras: { transport: c.transport, ...(c.traceId === null ? {} : { traceId: c.traceId }) },
  };
};

interface Judged {
  readonly transportHealth: TransportHealth;
  readonly seen: Observed;
  readonly health: HealthDoc;
}

export interface ReconcileDecision extends Judged {
  /** The documents and telemetry of this pass, in the order they are applied. */
  readonly effects: readonly ReconcileEffect[];
  /** Planned and appended after the effects, against the log as it is then. */
  readonly escalations: EscalationRequest;
}

/** Pure: judges one pass from the previous documents and the ingest's result at `asOf`. */
export const decideReconcile = (
  c: ReconcileContext,
  prev: ReconcilePrevious,
  ingested: E.Either<IngestFailure, IngestedFacts>,
): ReconcileDecision => {
  const got = E.isRight(ingested) ? ingested.right : null;
  const failureCode = E.isLeft(ingested) ? ingested.left.failureCode : null;
  const transportHealth = nextTransportHealth(prev.transport, {
    ok: got !== null,
    failureCode,
    transport: c.transport,
    asOf: c.asOf.iso,
    traceId: c.traceId,
  });
  const seen = observe(c, got, prev.sequence);
  const health = healthOf(c, prev, { got, failureCode, transportHealth, seen });
  const judged = { transportHealth, seen, health };
  return { ...judged, effects: effectsOf(c.files, judged), escalations: escalationsOf(c, got, judged) };
};
