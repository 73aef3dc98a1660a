// The snapshot and event envelopes as the manager's projection reads them: lenient views (the
// reference reads them with jq `//` defaults once the guard has passed), decoded once by the runner.
import type * as t from 'io-ts';
import { toIteration } from './event-fields.js';
import {
  ExactInteger,
  JqOpt,
  JqText,
  JqTrue,
  JsonValue as J,
  Present,
  fromPath,
  lenient,
  lenientObject,
  presentObject,
  readView,
} from './lenient.js';

/** `(.x // 0) | tonumber? // 0` */
const Iteration = lenient('JqIteration', (u): u is number => typeof u === 'number', toIteration);

/** The contract fields both envelopes carry, as the guard checks them. */
const contract = {
  schemaVersion: J,
  envelopeType: J,
  loopId: fromPath(['source', 'loopId'], JqOpt),
};

/** The runtime's heartbeat document (heartbeat.v1.json, or a snapshot's `runtime.heartbeat`). */
export const RuntimeView = lenientObject(
  {
    timestamp: JqOpt,
    updatedAt: JqOpt,
    status: JqText,
    stage: JqText,
    source: JqText,
    // The document as written, which the heartbeat state and telemetry carry as `heartbeat`.
    doc: fromPath([], J),
  },
  'RuntimeView',
);
export type RuntimeView = t.TypeOf<typeof RuntimeView>;

/** A runtime heartbeat that is there (an object), else null. */
export const RuntimeDoc = presentObject(RuntimeView);

/** A `loop_run_snapshot` envelope as the projection, heartbeat and sequence steps read it. */
export const SnapshotView = lenientObject(
  {
    ...contract,
    runStatus: fromPath(['run', 'status'], JqOpt),
    runId: fromPath(['run', 'runId'], JqOpt),
    iteration: fromPath(['run', 'iteration'], Iteration),
    completionOk: fromPath(['run', 'summary', 'completion_ok'], JqTrue),
    approvalPresent: fromPath(['runtime', 'approval'], Present),
    approvalStatus: fromPath(['runtime', 'approval', 'status'], JqOpt),
    active: fromPath(['runtime', 'superloopState', 'active'], J),
    gates: fromPath(['health', 'gates'], J),
    stuck: fromPath(['health', 'stuck'], J),
    lastEventName: fromPath(['health', 'lastEventName'], J),
    lastEventAt: fromPath(['health', 'lastEventAt'], J),
    cursorOffset: fromPath(['cursor', 'eventLineOffset'], J),
    cursorCount: fromPath(['cursor', 'eventLineCount'], J),
    heartbeat: fromPath(['runtime', 'heartbeat'], RuntimeDoc),
    heartbeatRef: fromPath(['artifacts', 'heartbeat', 'path'], J),
    sequenceValue: fromPath(['sequence', 'value'], ExactInteger),
  },
  'SnapshotView',
);
export type SnapshotView = t.TypeOf<typeof SnapshotView>;

/** A `loop_run_event` envelope as the projection reads it (the whole envelope kept as evidence). */
export const EventEnvelopeView = lenientObject(
  { ...contract, eventName: fromPath(['event', 'name'], JqOpt), doc: fromPath([], J) },
  'EventEnvelopeView',
);
export type EventEnvelopeView = t.TypeOf<typeof EventEnvelopeView>;

/** The envelopes the projection reads, as read (null when absent). */
export interface ProjectionDocs {
  readonly snapshot: unknown;
  readonly lastEventEnvelope: unknown;
}

/** Pure: each envelope through its view. */
export const projectionViews = (d: ProjectionDocs) => ({
  snapshot: readView(SnapshotView, d.snapshot),
  lastEventEnvelope: readView(EventEnvelopeView, d.lastEventEnvelope),
});
