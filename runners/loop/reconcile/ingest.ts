// Reconcile's ingest: the snapshot and the new event envelopes over the chosen transport, then the
// lifecycle projection. A failure at any step is a value with the reference's failure code
// (snapshot_unavailable, events_unavailable, service_request_failed, service_response_invalid,
// projection_failed), never a throw: reconcile turns it into health.
import * as E from 'fp-ts/lib/Either.js';
import { join } from 'node:path';
import { fold } from '../../../lib/core/projection.js';
import { projectionViews, type SnapshotView } from '../../../lib/loop/envelope-views.js';
import type { StateView } from '../../../lib/loop/manager-views.js';
import { checkEventEnvelope, checkSnapshotEnvelope, projectState } from '../../../lib/loop/project-state.js';
import { eventSequenceProjection, type EventSequenceState } from '../../../lib/loop/sequence.js';
import { writeJsonAtomic } from '../../../lib/io/atomic.js';
import { fetchLoop, type LoopFetch } from '../transport/fetch.js';
import { transportOf } from '../transport/flags.js';
import type { Sleep } from '../../cli/run-clock.js';
import type { ReconcileSettings } from './settings.js';
import type { IngestFailure } from '../../../lib/loop/reconcile-decision.js';

export interface Ingested {
  readonly fetched: LoopFetch;
  /** The fetched snapshot envelope through its view. */
  readonly snapshot: SnapshotView;
  readonly state: ReturnType<typeof projectState>;
  readonly sequence: EventSequenceState;
}

const positioned = (events: readonly unknown[]) =>
  events.map((value, i) => ({ value, position: { line: i + 1, byteOffset: 0 } }));

const badEnvelope = (events: readonly unknown[], loopId: string): number =>
  events.findIndex((e) => E.isLeft(checkEventEnvelope(e, loopId)));

/** Fetches and projects; `previous` is the state document written last time, through its view. */
export const ingest = async (
  s: ReconcileSettings,
  previous: StateView,
  sleep: Sleep,
): Promise<E.Either<IngestFailure, Ingested>> => {
  const p = s.paths;
  const got = await fetchLoop(transportOf(s.transport, sleep), {
    paths: p,
    cursorFile: s.files.cursorFile,
    fromStart: s.fromStart,
    maxEvents: s.maxEvents,
    traceId: s.traceId,
    asOf: s.asOf.iso,
    skipCorrupt: s.skipCorrupt,
  });
  if (E.isLeft(got)) return E.left({ failureCode: got.left.failureCode, message: got.left.message });
  const fetched = got.right;
  if (E.isLeft(checkSnapshotEnvelope(fetched.snapshot, p.loopId)))
    return E.left({
      failureCode: 'projection_failed',
      message: 'snapshot envelope is invalid or loop id mismatch',
    });
  const bad = badEnvelope(fetched.events, p.loopId);
  if (bad >= 0)
    return E.left({
      failureCode: 'projection_failed',
      message: `event envelope is invalid or loop id mismatch (envelope ${bad + 1} of this poll)`,
    });
  const snapshotFile = join(p.opsfoldDir, 'snapshot.json');
  await writeJsonAtomic(snapshotFile, fetched.snapshot);
  const views = projectionViews({
    snapshot: fetched.snapshot,
    lastEventEnvelope: fetched.events[fetched.events.length - 1] ?? null,
  });
  const state = projectState({
    repoPath: p.repo,
    loopId: p.loopId,
    generatedAt: s.asOf.iso,
    snapshotFile,
    eventsFile: p.events,
    ...views,
    previous,
  });
  const sequence = fold(eventSequenceProjection, positioned(fetched.events));
  return E.right({ fetched, snapshot: views.snapshot, state, sequence });
};
