// The manager's lifecycle projection: snapshot envelope + the last event envelope + the previously
// persisted state → `.superloop/ops-manager/<loop>/state.json`. Pure; guards (schema version, loop
// scope) return the reference's error text instead of throwing.
import * as E from 'fp-ts/lib/Either.js';
import type * as t from 'io-ts';
import type { ManagerState } from './state-codec.js';
import { alt, at, text, toIteration } from './event-fields.js';
import { ACTIVE_PHASE_EVENTS } from './lifecycle.js';

export interface ProjectStateInputs {
  readonly repoPath: string;
  readonly loopId: string;
  readonly generatedAt: string;
  readonly snapshot: unknown;
  readonly snapshotFile: string;
  readonly eventsFile: string | null;
  readonly lastEventEnvelope: unknown;
  /** The state file written last time, or null when there is none (unreadable counts as `{}`). */
  readonly previous: unknown;
}

export type Confidence = 'high' | 'medium' | 'low';

const isV1 = (v: unknown, type: string, loopId: string): boolean =>
  at(v, 'schemaVersion') === 'v1' &&
  at(v, 'envelopeType') === type &&
  text(alt(at(v, 'source', 'loopId'), '')) === loopId;

/** Pure: the guard on a snapshot envelope (contract version, envelope type, loop scope). */
export const checkSnapshotEnvelope = (v: unknown, loopId: string): E.Either<string, unknown> =>
  isV1(v, 'loop_run_snapshot', loopId)
    ? E.right(v)
    : E.left('snapshot envelope is invalid or loop id mismatch');

/** Pure: the guard on an event envelope (as the snapshot's, plus a non-empty event name). */
export const checkEventEnvelope = (v: unknown, loopId: string): E.Either<string, unknown> =>
  isV1(v, 'loop_run_event', loopId) && text(alt(at(v, 'event', 'name'), '')) !== ''
    ? E.right(v)
    : E.left('event envelope is invalid or loop id mismatch');

const wholeNumber = (v: unknown): number | null => {
  const s = text(v);
  return /^[0-9]+$/.test(s) ? Number(s) : null;
};

const pendingApproval = (snapshot: unknown): boolean =>
  at(snapshot, 'runtime', 'approval') != null &&
  text(alt(at(snapshot, 'runtime', 'approval', 'status'), '')) === 'pending';

/** Pure: the divergence flags between snapshot, last event and the previously persisted cursor. */
export const divergenceOf = (i: ProjectStateInputs) => {
  const lastEventName = text(alt(at(i.lastEventEnvelope, 'event', 'name'), ''));
  const stateActive = text(alt(at(i.snapshot, 'runtime', 'superloopState', 'active'), false)) === 'true';
  const previousOffset = wholeNumber(
    i.previous === null ? 0 : alt(at(i.previous, 'cursor', 'eventLineOffset'), 0),
  );
  const offset = wholeNumber(alt(at(i.snapshot, 'cursor', 'eventLineOffset'), 0));
  const flags = {
    activeMismatch: !stateActive && ACTIVE_PHASE_EVENTS.has(lastEventName),
    approvalCompletionConflict:
      pendingApproval(i.snapshot) && at(i.snapshot, 'run', 'summary', 'completion_ok') === true,
    cursorRegression: previousOffset !== null && offset !== null && previousOffset > offset,
  };
  return { any: flags.activeMismatch || flags.approvalCompletionConflict || flags.cursorRegression, flags };
};

const numberOr0 = (v: unknown): number => (typeof v === 'number' ? v : 0);

/** Pure: the state document the reference writes. */
export const projectState = (i: ProjectStateInputs): ProjectedState => {
  const s = i.snapshot;
  const lastEventName = text(alt(at(i.lastEventEnvelope, 'event', 'name'), ''));
  const currentState = text(alt(at(s, 'run', 'status'), 'unknown'));
  const divergence = divergenceOf(i);
  const confidence: Confidence = divergence.any ? 'low' : lastEventName === '' ? 'medium' : 'high';
  const orNull = (...path: string[]) => alt(at(s, ...path), null);
  return {
    schemaVersion: 'v1',
    generatedAt: i.generatedAt,
    source: { repoPath: i.repoPath, loopId: i.loopId },
    run: {
      runId: text(alt(at(s, 'run', 'runId'), 'unknown')),
      iteration: toIteration(at(s, 'run', 'iteration')),
    },
    transition: {
      previousState:
        i.previous === null ? 'none' : text(alt(at(i.previous, 'transition', 'currentState'), 'none')),
      triggeringSignal: lastEventName !== '' ? `event:${lastEventName}` : `snapshot_status:${currentState}`,
      currentState,
      confidence,
    },
    projection: {
      status: currentState,
      hasPendingApproval: pendingApproval(s),
      completionOk: at(s, 'run', 'summary', 'completion_ok') === true,
      gates: orNull('health', 'gates'),
      stuck: orNull('health', 'stuck'),
      active: orNull('runtime', 'superloopState', 'active'),
      lastEventName: orNull('health', 'lastEventName'),
      lastEventAt: orNull('health', 'lastEventAt'),
    },
    cursor: {
      eventLineOffset: numberOr0(alt(at(s, 'cursor', 'eventLineOffset'), 0)),
      eventLineCount: numberOr0(alt(at(s, 'cursor', 'eventLineCount'), 0)),
    },
    divergence,
    evidence: {
      snapshotFile: i.snapshotFile,
      eventsFile: i.eventsFile,
      snapshotEnvelope: {
        runStatus: currentState,
        lastEventName: orNull('health', 'lastEventName'),
        hasPendingApproval: pendingApproval(s),
      },
      lastEventEnvelope: i.lastEventEnvelope ?? null,
    },
  };
};
export type ProjectedState = t.TypeOf<typeof ManagerState>;
