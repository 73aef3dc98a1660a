// The manager's lifecycle projection: snapshot envelope + the last event envelope + the previously
// persisted state → `.superloop/ops-manager/<loop>/state.json`. Pure; guards (schema version, loop
// scope) return the reference's error text instead of throwing.
import * as E from 'fp-ts/lib/Either.js';
import type * as t from 'io-ts';
import { decode } from '../core/codec.js';
import { LoopRunSnapshot } from './codecs.js';
import type { ManagerState } from './state-codec.js';
import { EventEnvelopeView, SnapshotView } from './envelope-views.js';
import { alt, text } from './event-fields.js';
import { readView, type Json } from './lenient.js';
import { ACTIVE_PHASE_EVENTS } from './lifecycle.js';
import type { StateView } from './manager-views.js';

export interface ProjectStateInputs {
  readonly repoPath: string;
  readonly loopId: string;
  readonly generatedAt: string;
  readonly snapshot: SnapshotView;
  readonly snapshotFile: string;
  readonly eventsFile: string | null;
  /** The last event envelope (all fields null when there is none). */
  readonly lastEventEnvelope: EventEnvelopeView;
  /** The state file written last time (all fields null when there is none or it is unreadable). */
  readonly previous: Pick<StateView, 'transition' | 'cursor'>;
}

export type Confidence = 'high' | 'medium' | 'low';

interface ContractFields {
  readonly schemaVersion: unknown;
  readonly envelopeType: unknown;
  readonly loopId: string | null;
}

const isV1 = (v: ContractFields, type: string, loopId: string): boolean =>
  v.schemaVersion === 'v1' && v.envelopeType === type && (v.loopId ?? '') === loopId;

/** Pure: the guard on a snapshot envelope (contract version, envelope type, loop scope). */
export const checkSnapshotEnvelope = (v: unknown, loopId: string): E.Either<string, unknown> =>
  isV1(readView(SnapshotView, v), 'loop_run_snapshot', loopId)
    ? E.right(v)
    : E.left('snapshot envelope is invalid or loop id mismatch');

/** Pure: why a refused snapshot envelope was refused, as a `$.path: …` detail. */
export const snapshotProblem = (value: unknown, loopId: string): string => {
  const r = decode(LoopRunSnapshot, value);
  if (E.isLeft(r)) return r.left.message;
  return `$.source.loopId: expected ${JSON.stringify(loopId)}, got ${JSON.stringify(r.right.source.loopId)}`;
};

/** Pure: the guard on an event envelope (as the snapshot's, plus a non-empty event name). */
export const checkEventEnvelope = (v: unknown, loopId: string): E.Either<string, unknown> => {
  const e = plainEventEnvelope(v) ?? readView(EventEnvelopeView, v);
  return isV1(e, 'loop_run_event', loopId) && (e.eventName ?? '') !== ''
    ? E.right(v)
    : E.left('event envelope is invalid or loop id mismatch');
};

const isObjectLike = (u: unknown): u is Readonly<Record<string, unknown>> =>
  u !== null && typeof u === 'object' && !Array.isArray(u);

/**
 * The guard's fields of an envelope whose loop id and event name are strings (every envelope a poll
 * builds), read directly: the view reads a string as itself, and this guard runs once per polled
 * envelope, where io-ts's generic decode dominated the pass. Anything else goes through the view.
 */
const plainEventEnvelope = (v: unknown): (ContractFields & { readonly eventName: string }) | null => {
  if (!isObjectLike(v)) return null;
  const source = v['source'];
  const event = v['event'];
  if (!isObjectLike(source) || !isObjectLike(event)) return null;
  const loopId = source['loopId'];
  const eventName = event['name'];
  if (typeof loopId !== 'string' || typeof eventName !== 'string') return null;
  return {
    schemaVersion: v['schemaVersion'],
    envelopeType: v['envelopeType'],
    loopId,
    eventName,
  };
};

const wholeNumber = (v: unknown): number | null => {
  const s = text(v);
  return /^[0-9]+$/.test(s) ? Number(s) : null;
};

const pendingApproval = (snapshot: SnapshotView): boolean =>
  snapshot.approvalPresent && snapshot.approvalStatus === 'pending';

/** Pure: the divergence flags between snapshot, last event and the previously persisted cursor. */
export const divergenceOf = (i: ProjectStateInputs) => {
  const lastEventName = i.lastEventEnvelope.eventName ?? '';
  const stateActive = text(alt(i.snapshot.active, false)) === 'true';
  const previousOffset = wholeNumber(i.previous.cursor.eventLineOffset ?? 0);
  const offset = wholeNumber(alt(i.snapshot.cursorOffset, 0));
  const flags = {
    activeMismatch: !stateActive && ACTIVE_PHASE_EVENTS.has(lastEventName),
    approvalCompletionConflict: pendingApproval(i.snapshot) && i.snapshot.completionOk,
    cursorRegression: previousOffset !== null && offset !== null && previousOffset > offset,
  };
  return { any: flags.activeMismatch || flags.approvalCompletionConflict || flags.cursorRegression, flags };
};

const numberOr0 = (v: unknown): number => (typeof v === 'number' ? v : 0);

/** Pure: the state document the reference writes. */
export const projectState = (i: ProjectStateInputs): ProjectedState => {
  const s = i.snapshot;
  const lastEventName = i.lastEventEnvelope.eventName ?? '';
  const currentState = s.runStatus ?? 'unknown';
  const divergence = divergenceOf(i);
  const confidence: Confidence = divergence.any ? 'low' : lastEventName === '' ? 'medium' : 'high';
  const orNull = (v: Json) => alt(v, null);
  return {
    schemaVersion: 'v1',
    generatedAt: i.generatedAt,
    source: { repoPath: i.repoPath, loopId: i.loopId },
    run: { runId: s.runId ?? 'unknown', iteration: s.iteration },
    transition: {
      previousState: i.previous.transition.currentState ?? 'none',
      triggeringSignal: lastEventName !== '' ? `event:${lastEventName}` : `snapshot_status:${currentState}`,
      currentState,
      confidence,
    },
    projection: {
      status: currentState,
      hasPendingApproval: pendingApproval(s),
      completionOk: s.completionOk,
      gates: orNull(s.gates),
      stuck: orNull(s.stuck),
      active: orNull(s.active),
      lastEventName: orNull(s.lastEventName),
      lastEventAt: orNull(s.lastEventAt),
    },
    cursor: {
      eventLineOffset: numberOr0(alt(s.cursorOffset, 0)),
      eventLineCount: numberOr0(alt(s.cursorCount, 0)),
    },
    divergence,
    evidence: {
      snapshotFile: i.snapshotFile,
      eventsFile: i.eventsFile,
      snapshotEnvelope: {
        runStatus: currentState,
        lastEventName: orNull(s.lastEventName),
        hasPendingApproval: pendingApproval(s),
      },
      lastEventEnvelope: i.lastEventEnvelope.doc,
    },
  };
};
export type ProjectedState = t.TypeOf<typeof ManagerState>;
