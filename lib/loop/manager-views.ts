// The manager's own documents as the next step reads them back (the last pass's state.json,
// transport-health.json, heartbeat.json, sequence-state.json, profile-drift.json): lenient views, as
// the reference reads them with jq `//` defaults, decoded once by the runner that reads the file.
import type * as t from 'io-ts';
import {
  ExactInteger,
  FiniteNumber,
  JqOpt,
  JqText,
  JqTrue,
  JqWhole,
  NonEmptyString,
  fromPath,
  lenientObject,
  readView,
} from './lenient.js';

/** `state.json` as health and the next projection read it. */
export const StateView = lenientObject(
  {
    projection: lenientObject({ lastEventAt: JqText, status: JqOpt }, 'StateProjectionView'),
    divergence: lenientObject({ any: JqTrue }, 'StateDivergenceView'),
    transition: lenientObject({ currentState: JqOpt }, 'StateTransitionView'),
    cursor: lenientObject({ eventLineOffset: JqOpt }, 'StateCursorView'),
  },
  'StateView',
);
export type StateView = t.TypeOf<typeof StateView>;

/** `telemetry/transport-health.json` as health grades it (`.failureStreak // 0` when whole). */
export const TransportGradeView = lenientObject(
  { failureStreak: JqWhole, lastFailureCode: JqText },
  'TransportGradeView',
);
export type TransportGradeView = t.TypeOf<typeof TransportGradeView>;

/** `telemetry/transport-health.json` as the next pass continues it. */
export const TransportPreviousView = lenientObject(
  { failureStreak: FiniteNumber, lastSuccessAt: NonEmptyString, lastFailureAt: NonEmptyString },
  'TransportPreviousView',
);
export type TransportPreviousView = t.TypeOf<typeof TransportPreviousView>;

/** `heartbeat.json` as health reads it. */
export const HeartbeatView = lenientObject({ lastHeartbeatAt: JqText }, 'HeartbeatView');
export type HeartbeatView = t.TypeOf<typeof HeartbeatView>;

/** `sequence-state.json` as health and the next diagnostics read it (nested or old flat shape). */
export const SequenceView = lenientObject(
  {
    status: JqText,
    driftActive: JqTrue,
    updatedAt: JqText,
    snapshotCurrent: fromPath(['snapshot', 'current'], ExactInteger),
    eventsLast: fromPath(['events', 'last'], ExactInteger),
    // The flat keys of sequence states written before the reference's nested shape.
    flatSnapshotCurrent: fromPath(['snapshotCurrent'], ExactInteger),
    flatEventsLast: fromPath(['eventsLast'], ExactInteger),
  },
  'SequenceView',
);
export type SequenceView = t.TypeOf<typeof SequenceView>;

/** `profile-drift.json` as health reads it. */
export const DriftGradeView = lenientObject({ driftActive: JqTrue, status: JqText }, 'DriftGradeView');
export type DriftGradeView = t.TypeOf<typeof DriftGradeView>;

/** `profile-drift.json` as the next drift evaluation continues it (printed values, as jq -r does). */
export const DriftPreviousView = lenientObject(
  { driftActive: JqOpt, mismatchStreak: JqOpt },
  'DriftPreviousView',
);
export type DriftPreviousView = t.TypeOf<typeof DriftPreviousView>;

/** The last pass's documents as files hold them (null when absent, `{}` when unreadable). */
export interface PreviousDocs {
  readonly transport: unknown;
  readonly state: unknown;
  readonly heartbeat: unknown;
  readonly sequence: unknown;
  readonly drift: unknown;
}

/** Pure: each of the last pass's documents through its view, as reconcile judges them. */
export const previousViews = (d: PreviousDocs) => ({
  transport: readView(TransportPreviousView, d.transport),
  state: readView(StateView, d.state),
  heartbeat: readView(HeartbeatView, d.heartbeat),
  sequence: readView(SequenceView, d.sequence),
  drift: readView(DriftGradeView, d.drift),
});

/** `cursor.json` as the pass reads where it started (a number, else 0). */
export const CursorOffsetView = lenientObject({ eventLineOffset: ExactInteger }, 'CursorOffsetView');

/** The last `intents.jsonl` record as the health command reads it (`.status // ""` as printed). */
export const LastIntentView = lenientObject({ status: JqText }, 'LastIntentView');

/** The last `intents.jsonl` record as health reads the control status (a non-empty string). */
export const IntentStatusView = lenientObject({ status: NonEmptyString }, 'IntentStatusView');
