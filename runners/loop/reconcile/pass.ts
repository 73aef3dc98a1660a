// One reconcile pass, under the loop's lock: ingest (snapshot + incremental poll + projection), then
// transport health, heartbeat freshness, sequence diagnostics, health, escalations (raised on
// activation, resolved on clearing), telemetry, drift, and last the cursor and the fold checkpoints,
// so a crash at any point re-reads the same events and the escalation dedupe keeps the log clean.
import * as E from 'fp-ts/lib/Either.js';
import { at } from '../../../lib/loop/event-fields.js';
import { decideHealth, type HealthDoc } from '../../../lib/loop/health.js';
import { heartbeatState, heartbeatTelemetry } from '../../../lib/loop/heartbeat.js';
import { sequenceDiagnostics, sequenceTelemetry } from '../../../lib/loop/sequence.js';
import { nextTransportHealth, type TransportHealth } from '../../../lib/loop/transport-health.js';
import {
  DIVERGENCE_CATEGORY,
  HEALTH_CATEGORIES,
  divergenceConditions,
  healthConditions,
} from '../../../lib/loop/escalations-conditions.js';
import { displayPath } from '../../../lib/loop/artifact-ref.js';
import { writeJsonAtomic } from '../../../lib/io/atomic.js';
import { lastRecord } from '../../../lib/io/last-record.js';
import { escalate } from '../observability/escalations-log.js';
import { persistStep } from '../observability/step-files.js';
import { withLoopLock } from '../transport/loop-lock.js';
import type { Sleep } from '../transport/clock.js';
import { ingest, type Ingested, type IngestFailure } from './ingest.js';
import { lenientDoc } from './previous.js';
import type { ReconcileSettings } from './settings.js';
import { afterHealth, type Finished } from './finish.js';

export interface PassResult extends Finished {
  readonly ok: boolean;
  readonly health: HealthDoc;
  readonly notes: readonly string[];
}

export interface PassDeps {
  readonly sleep: Sleep;
  /** The wall clock, for the pass's duration only (never for timestamps: those are `asOf`). */
  readonly now: () => number;
}

type Observed = ReturnType<typeof observe>;

const lastStatus = async (file: string): Promise<string | null> => {
  const r = await lastRecord(file);
  const s = r.kind === 'record' ? at(r.value, 'status') : null;
  return typeof s === 'string' && s !== '' ? s : null;
};

/** What the last pass left behind, read leniently. */
const previousOf = async (s: ReconcileSettings) => {
  const f = s.files;
  const docs = {
    cursor: await lenientDoc(f.cursorFile),
    state: await lenientDoc(f.stateFile),
    transport: await lenientDoc(f.transportHealthFile),
    heartbeat: await lenientDoc(f.heartbeatStateFile),
    sequence: await lenientDoc(f.sequenceStateFile),
    drift: await lenientDoc(f.driftStateFile),
  };
  const notes = Object.values(docs).flatMap((d) => (d.note === null ? [] : [d.note]));
  return { docs, notes, lastIntentStatus: await lastStatus(f.intentsFile) };
};
type Previous = Awaited<ReturnType<typeof previousOf>>;

/** Heartbeat and sequence documents of this pass (null where the ingest gave nothing to judge). */
const observe = (s: ReconcileSettings, got: Ingested | null, previousSequence: unknown) => {
  const ctx = { loopId: s.paths.loopId, now: s.asOf.iso, transport: s.transport.mode, traceId: s.traceId };
  const runtime = got === null ? null : (at(got.fetched.snapshot, 'runtime', 'heartbeat') ?? null);
  const heartbeat =
    runtime === null
      ? null
      : heartbeatState({
          ...ctx,
          nowMs: s.asOf.ms,
          runtime,
          sourceFile: displayPath(s.paths.repo, s.paths.heartbeat),
          thresholds: s.thresholds,
        });
  const sequence =
    got === null
      ? null
      : sequenceDiagnostics({
          ...ctx,
          snapshot: got.fetched.snapshot,
          events: got.sequence,
          previous: previousSequence,
        });
  return { heartbeat, sequence };
};

interface Judged {
  readonly ingested: Ingested | null;
  readonly failure: IngestFailure | null;
  readonly transportHealth: TransportHealth;
  readonly seen: Observed;
  readonly health: HealthDoc;
}

/** Pure over what was read: transport health, observations and the health decision. */
const judge = (s: ReconcileSettings, prev: Previous, got: E.Either<IngestFailure, Ingested>): Judged => {
  const ingested = E.isRight(got) ? got.right : null;
  const failure = E.isLeft(got) ? got.left : null;
  const failureCode = failure === null ? null : failure.failureCode;
  const transportHealth = nextTransportHealth(prev.docs.transport.value, {
    ok: ingested !== null,
    failureCode,
    transport: s.transport.mode,
    asOf: s.asOf.iso,
  });
  const seen = observe(s, ingested, prev.docs.sequence.value);
  const health = decideHealth({
    now: s.asOf.iso,
    nowMs: s.asOf.ms,
    state: ingested?.state ?? prev.docs.state.value ?? {},
    transportHealth,
    lastIntentStatus: prev.lastIntentStatus,
    heartbeat: seen.heartbeat ?? prev.docs.heartbeat.value,
    sequence: seen.sequence ?? prev.docs.sequence.value,
    drift: prev.docs.drift.value,
    transport: s.transport.mode,
    ingestStatus: failure === null ? 'success' : 'failed',
    failureCode,
    thresholds: s.thresholds,
    traceId: s.traceId,
  });
  return { ingested, failure, transportHealth, seen, health };
};

const persist = async (s: ReconcileSettings, j: Judged): Promise<void> => {
  const f = s.files;
  await writeJsonAtomic(f.transportHealthFile, j.transportHealth, undefined, false);
  const { heartbeat, sequence } = j.seen;
  if (heartbeat !== null)
    await persistStep(
      f.heartbeatStateFile,
      heartbeat,
      f.heartbeatTelemetryFile,
      heartbeatTelemetry(heartbeat),
    );
  if (sequence !== null)
    await persistStep(f.sequenceStateFile, sequence, f.sequenceTelemetryFile, sequenceTelemetry(sequence));
  await writeJsonAtomic(f.healthFile, j.health, undefined, false);
};

const escalations = (s: ReconcileSettings, j: Judged) => {
  const f = s.files;
  const ctx = { loopId: s.paths.loopId, transport: s.transport.mode, traceId: s.traceId };
  const where = { stateFile: f.stateFile, cursorFile: f.cursorFile };
  const divergence =
    j.ingested === null
      ? []
      : divergenceConditions(j.ingested.state, { ...ctx, timestamp: s.asOf.iso }, where);
  return escalate({
    file: f.escalationsFile,
    root: s.paths.repo,
    opsfoldDir: s.paths.opsfoldDir,
    active: [...healthConditions(j.health, ctx, { ...where, healthFile: f.healthFile }), ...divergence],
    // A failed ingest says nothing about divergence: leave those escalations as they are.
    scope: {
      loopId: s.paths.loopId,
      categories: [...HEALTH_CATEGORIES, ...(j.ingested === null ? [] : [DIVERGENCE_CATEGORY])],
    },
    asOf: s.asOf.iso,
    resolveExtras: { transport: s.transport.mode, ...(s.traceId === null ? {} : { traceId: s.traceId }) },
  });
};

const pass = async (s: ReconcileSettings, deps: PassDeps): Promise<PassResult> => {
  const startMs = deps.now();
  const prev = await previousOf(s);
  const j = judge(s, prev, await ingest(s, prev.docs.state.value, deps.sleep));
  await persist(s, j);
  const raised = await escalations(s, j);
  const cursorBefore = at(prev.docs.cursor.value, 'eventLineOffset');
  const finished = await afterHealth(s, {
    ingested: j.ingested,
    failure: j.failure,
    health: j.health,
    transportHealth: j.transportHealth,
    previousState: prev.docs.state.value,
    cursorBefore: typeof cursorBefore === 'number' ? cursorBefore : 0,
    durationSeconds: Math.floor((deps.now() - startMs) / 1000),
  });
  if (j.ingested !== null) {
    await writeJsonAtomic(s.files.cursorFile, j.ingested.fetched.cursorDoc, undefined, false);
    await j.ingested.fetched.commit();
  }
  const fetchedNotes = j.ingested?.fetched.notes ?? [];
  return {
    ...finished,
    ok: j.ingested !== null,
    health: j.health,
    notes: [...prev.notes, ...raised.notes, ...fetchedNotes, ...finished.notes],
  };
};

/** Runs one pass holding the loop's lock; a second reconcile or control of the loop gets exit 75. */
export const reconcilePass = (s: ReconcileSettings, deps: PassDeps): Promise<PassResult> =>
  withLoopLock(s.paths, () => pass(s, deps));
