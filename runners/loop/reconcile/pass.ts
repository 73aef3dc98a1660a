// One reconcile pass, under the loop's lock: gather what the last pass left and ingest (snapshot +
// incremental poll + projection); lib/loop/reconcile-decision.ts judges transport health, heartbeat,
// sequence and health; apply its writes, append the escalations it calls for (raised on activation,
// resolved on clearing), then telemetry, drift, and last the cursor and the fold checkpoints, so a
// crash at any point re-reads the same events and the escalation dedupe keeps the log clean.
import * as E from 'fp-ts/lib/Either.js';
import type { HealthDoc } from '../../../lib/loop/health.js';
import {
  decideReconcile,
  type IngestFailure,
  type ReconcileContext,
  type ReconcileEffect,
} from '../../../lib/loop/reconcile-decision.js';
import { appendJsonl } from '../../../lib/io/append.js';
import { writeJsonAtomic } from '../../../lib/io/atomic.js';
import { escalate } from '../observability/escalations-log.js';
import { withLoopLock } from '../transport/loop-lock.js';
import type { Sleep } from '../../cli/run-clock.js';
import { ingest, type Ingested } from './ingest.js';
import { previousOf, type Previous } from './previous.js';
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

const contextOf = (s: ReconcileSettings): ReconcileContext => ({
  loopId: s.paths.loopId,
  repo: s.paths.repo,
  heartbeatFile: s.paths.heartbeat,
  transport: s.transport.mode,
  traceId: s.traceId,
  asOf: s.asOf,
  thresholds: s.thresholds,
  files: s.files,
});

const decide = (s: ReconcileSettings, prev: Previous, got: E.Either<IngestFailure, Ingested>) =>
  decideReconcile(
    contextOf(s),
    { ...prev.views, lastIntentStatus: prev.lastIntentStatus },
    E.map((i: Ingested) => ({ snapshot: i.snapshot, state: i.state, sequence: i.sequence }))(got),
  );

const apply = async (effects: readonly ReconcileEffect[]): Promise<void> => {
  for (const e of effects)
    if (e.kind === 'write') await writeJsonAtomic(e.file, e.doc, undefined, false);
    else await appendJsonl(e.file, e.records);
};

const pass = async (s: ReconcileSettings, deps: PassDeps): Promise<PassResult> => {
  const startMs = deps.now();
  const prev = await previousOf(s.files);
  const got = await ingest(s, prev.views.state, deps.sleep);
  const ingested = E.isRight(got) ? got.right : null;
  const j = decide(s, prev, got);
  await apply(j.effects);
  const raised = await escalate({ ...j.escalations, root: s.paths.repo, opsfoldDir: s.paths.opsfoldDir });
  const finished = await afterHealth(s, {
    ingested,
    failure: E.isLeft(got) ? got.left : null,
    health: j.health,
    transportHealth: j.transportHealth,
    previousState: prev.docs.state.value,
    cursorBefore: prev.cursorOffset,
    durationSeconds: Math.floor((deps.now() - startMs) / 1000),
  });
  if (ingested !== null) {
    await writeJsonAtomic(s.files.cursorFile, ingested.fetched.cursorDoc, undefined, false);
    await ingested.fetched.commit();
  }
  return {
    ...finished,
    ok: ingested !== null,
    health: j.health,
    notes: [...prev.notes, ...raised.notes, ...(ingested?.fetched.notes ?? []), ...finished.notes],
  };
};

/** Runs one pass holding the loop's lock; a second reconcile or control of the loop gets exit 75. */
export const reconcilePass = (s: ReconcileSettings, deps: PassDeps): Promise<PassResult> =>
  withLoopLock(s.paths, () => pass(s, deps));
