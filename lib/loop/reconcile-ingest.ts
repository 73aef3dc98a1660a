// Reconcile's ingest over its poll port: the snapshot and the new event envelopes, checked against
// the loop, then the lifecycle projection. A failure at any step is a value with the reference's
// failure code (snapshot_unavailable, events_unavailable, service_request_failed,
// service_response_invalid, projection_failed), never a throw: reconcile turns it into health.
import * as E from 'fp-ts/lib/Either.js';
import { projectionViews, type SnapshotView } from './envelope-views.js';
import type { StateView } from './manager-views.js';
import { checkSnapshotEnvelope, projectState } from './project-state.js';
import { polledSummaryFold, type PolledSummary } from './envelope-fold.js';
import type { IngestFailure } from './reconcile-decision.js';
import type { PolledEnvelopes, ReconcilePorts } from './reconcile-ports.js';
import type { EventSequenceState } from './sequence.js';

export interface Ingested {
  readonly fetched: PolledEnvelopes<PolledSummary>;
  /** The fetched snapshot envelope through its view. */
  readonly snapshot: SnapshotView;
  readonly state: ReturnType<typeof projectState>;
  readonly sequence: EventSequenceState;
}

/** Where the ingest writes the snapshot and what the projected state names. */
export interface IngestPlan {
  readonly repo: string;
  readonly loopId: string;
  readonly asOf: string;
  readonly snapshotFile: string;
  readonly eventsFile: string;
}

const checked = (fetched: PolledEnvelopes<PolledSummary>, loopId: string): IngestFailure | null => {
  if (E.isLeft(checkSnapshotEnvelope(fetched.snapshot, loopId)))
    return { failureCode: 'projection_failed', message: 'snapshot envelope is invalid or loop id mismatch' };
  const bad = fetched.folded.firstInvalid;
  return bad === null
    ? null
    : {
        failureCode: 'projection_failed',
        message: `event envelope is invalid or loop id mismatch (envelope ${bad} of this poll)`,
      };
};

/** Polls, checks, writes the snapshot and projects; `previous` is the last state through its view. */
export const ingest = async (
  plan: IngestPlan,
  previous: StateView,
  ports: Pick<ReconcilePorts, 'poll' | 'write'>,
): Promise<E.Either<IngestFailure, Ingested>> => {
  const got = await ports.poll(polledSummaryFold(plan.loopId));
  if (E.isLeft(got)) return E.left({ failureCode: got.left.failureCode, message: got.left.message });
  const fetched = got.right;
  const failure = checked(fetched, plan.loopId);
  if (failure !== null) return E.left(failure);
  await ports.write(plan.snapshotFile, fetched.snapshot, true);
  const views = projectionViews({
    snapshot: fetched.snapshot,
    lastEventEnvelope: fetched.folded.last,
  });
  const state = projectState({
    repoPath: plan.repo,
    loopId: plan.loopId,
    generatedAt: plan.asOf,
    snapshotFile: plan.snapshotFile,
    eventsFile: plan.eventsFile,
    ...views,
    previous,
  });
  return E.right({ fetched, snapshot: views.snapshot, state, sequence: fetched.folded.sequence });
};
