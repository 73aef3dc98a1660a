// One reconcile pass over its ports, under the loop's lock: read what the last pass left and ingest
// (snapshot + incremental poll + projection); reconcile-decision.ts judges transport health,
// heartbeat, sequence and health; write its documents, append the escalations it calls for (planned
// against the log when appended: raised on activation, resolved on clearing), then telemetry, drift
// and the state document, and last the cursor and the fold checkpoints, so a crash at any point
// re-reads the same events and the escalation dedupe keeps the log clean.
import * as E from 'fp-ts/lib/Either.js';
import type { HealthDoc } from './health.js';
import { readView } from './lenient.js';
import { CursorOffsetView, IntentStatusView, previousViews } from './manager-views.js';
import type { DriftState } from './profile-drift.js';
import { decideReconcile, type IngestFailure, type ReconcileContext } from './reconcile-decision.js';
import { driftInputs, finalState, reconcileTelemetry, type ReconcileRequest } from './reconcile-finish.js';
import { ingest, type Ingested } from './reconcile-ingest.js';
import type { PreviousDocsRead, ReconcilePorts } from './reconcile-ports.js';
import type { SequenceState } from './sequence-codecs.js';
import type { TransportHealth } from './transport-health.js';

/** Everything one pass is told, resolved by the runner before anything is read. */
export interface PassPlan {
  readonly context: ReconcileContext;
  readonly request: ReconcileRequest;
  readonly snapshotFile: string;
  readonly eventsFile: string;
  readonly reconcileTelemetryFile: string;
}

export interface PassResult {
  readonly ok: boolean;
  readonly health: HealthDoc;
  /** The state document written (null when a failed pass had no previous state to annotate). */
  readonly state: Record<string, unknown> | null;
  readonly drift: DriftState | null;
  readonly notes: readonly string[];
  /** Why the ingest failed (its code and the reader's message, `file:line:byte` included); null when it worked. */
  readonly failure: IngestFailure | null;
}

const previousOf = (d: PreviousDocsRead) => {
  const docs = [d.cursor, d.state, d.transport, d.heartbeat, d.sequence, d.drift];
  return {
    views: previousViews({
      transport: d.transport.value,
      state: d.state.value,
      heartbeat: d.heartbeat.value,
      sequence: d.sequence.value,
      drift: d.drift.value,
    }),
    notes: docs.flatMap((x) => (x.note === null ? [] : [x.note])),
    cursorOffset: readView(CursorOffsetView, d.cursor.value).eventLineOffset ?? 0,
    lastIntentStatus: d.lastIntent === null ? null : readView(IntentStatusView, d.lastIntent).status,
  };
};

interface AfterHealth {
  readonly ingested: Ingested | null;
  readonly failure: IngestFailure | null;
  readonly health: HealthDoc;
  readonly transportHealth: TransportHealth;
  readonly sequence: SequenceState | null;
  readonly previousState: unknown;
  readonly cursorBefore: number;
  readonly durationSeconds: number;
}

const outcomeOf = (a: AfterHealth) => {
  const f = a.ingested?.fetched;
  const poll =
    f === undefined
      ? null
      : { eventsIngested: f.folded.count, cursorOffsetBefore: f.cursorOffsetBefore, cursorDoc: f.cursorDoc };
  return { ...a, poll };
};

/** Appends the telemetry, runs the drift step over the summary that includes it, writes the state. */
const afterHealth = async (plan: PassPlan, ports: ReconcilePorts, a: AfterHealth) => {
  const r = plan.request;
  await ports.append(plan.reconcileTelemetryFile, [reconcileTelemetry(r, outcomeOf(a))]);
  const summary = await ports.telemetrySummary();
  const drift = await ports.drift(driftInputs(r, summary));
  const state = finalState(r, a.ingested?.state ?? a.previousState, {
    health: a.health,
    drift: drift.drift,
    summary,
    sequence: a.sequence,
  });
  if (state !== null) await ports.write(plan.context.files.stateFile, state, false);
  return { state, drift: drift.drift, notes: drift.notes };
};

const pass = async (plan: PassPlan, ports: ReconcilePorts): Promise<PassResult> => {
  const startMs = ports.now();
  const read = await ports.previous();
  const prev = previousOf(read);
  const c = plan.context;
  const ingestPlan = { repo: c.repo, loopId: c.loopId, asOf: c.asOf.iso, ...plan };
  const got = await ingest(ingestPlan, prev.views.state, ports);
  const ingested = E.isRight(got) ? got.right : null;
  const facts = E.map((i: Ingested) => ({ snapshot: i.snapshot, state: i.state, sequence: i.sequence }))(got);
  const j = decideReconcile(c, { ...prev.views, lastIntentStatus: prev.lastIntentStatus }, facts);
  for (const e of j.effects)
    if (e.kind === 'write') await ports.write(e.file, e.doc, false);
    else await ports.append(e.file, e.records);
  const raised = await ports.escalate(j.escalations);
  const finished = await afterHealth(plan, ports, {
    ingested,
    failure: E.isLeft(got) ? got.left : null,
    health: j.health,
    transportHealth: j.transportHealth,
    sequence: j.seen.sequence,
    previousState: read.state.value,
    cursorBefore: prev.cursorOffset,
    durationSeconds: Math.floor((ports.now() - startMs) / 1000),
  });
  if (ingested !== null) {
    await ports.write(c.files.cursorFile, ingested.fetched.cursorDoc, false);
    await ingested.fetched.commit();
  }
  const notes = [...prev.notes, ...raised.notes, ...(ingested?.fetched.notes ?? []), ...finished.notes];
  const failure = E.isLeft(got) ? got.left : null;
  return { ...finished, ok: ingested !== null, health: j.health, notes, failure };
};

/** Runs one pass holding the loop's lock (through `ports.lock`); a second holder gets exit 75. */
export const reconcilePass = (plan: PassPlan, ports: ReconcilePorts): Promise<PassResult> =>
  ports.lock(() => pass(plan, ports));
