// The Superloop artifacts the loop-run read path consumes and the envelopes it emits, as io-ts
// codecs. Raw artifacts are decoded leniently (the runtime may add keys); envelopes follow the
// reference contract `schema/ops-manager.contract.schema.json` (schemaVersion v1).
import * as t from 'io-ts';
import { ExactCount, nullable } from '../core/codec.js';

/** One line of `.superloop/loops/<loop>/events.jsonl`. */
export const LoopEventLine = t.intersection(
  [
    t.UnknownRecord,
    t.partial({
      timestamp: t.string,
      event: t.string,
      type: t.string,
      loop_id: t.string,
      run_id: t.string,
      iteration: t.union([t.number, t.string]),
      role: nullable(t.string),
      status: nullable(t.string),
      message: nullable(t.string),
      data: t.unknown,
    }),
  ],
  'LoopEventLine',
);
export type LoopEventLine = t.TypeOf<typeof LoopEventLine>;

/** `.superloop/state.json` */
export const SuperloopState = t.intersection(
  [
    t.UnknownRecord,
    t.partial({ active: t.boolean, current_loop_id: nullable(t.string), iteration: t.unknown }),
  ],
  'SuperloopState',
);

/** `.superloop/loops/<loop>/approval.json` */
export const Approval = t.intersection([t.UnknownRecord, t.partial({ status: t.string })], 'Approval');

const Gates = t.type(
  {
    tests: t.string,
    validation: t.string,
    prerequisites: t.string,
    checklist: t.string,
    evidence: t.string,
    approval: t.string,
  },
  'Gates',
);
const Stuck = t.type({ streak: t.number, threshold: t.number }, 'Stuck');

const SummaryEntry = t.intersection(
  [
    t.UnknownRecord,
    t.partial({
      run_id: t.string,
      iteration: t.unknown,
      completion_ok: t.boolean,
      gates: Gates,
      stuck: Stuck,
      ended_at: t.string,
    }),
  ],
  'RunSummaryEntry',
);

/** `.superloop/loops/<loop>/run-summary.json` */
export const RunSummary = t.intersection(
  [t.UnknownRecord, t.partial({ updated_at: t.string, entries: t.array(SummaryEntry) })],
  'RunSummary',
);

const Source = t.type({ repoPath: t.string, loopId: t.string });
const Sequence = t.type({ source: t.string, value: t.number });
const EnvelopeCursor = t.type({ eventLineOffset: t.number, eventLineCount: t.number }, 'EnvelopeCursor');
const ArtifactRef = t.type(
  {
    path: t.string,
    exists: t.boolean,
    sizeBytes: t.number,
    lineCount: t.number,
    sha256: nullable(t.string),
    mtimeEpoch: nullable(t.number),
  },
  'ArtifactRef',
);
export const RunStatus = t.keyof(
  {
    running: null,
    awaiting_approval: null,
    complete: null,
    stopped: null,
    failed: null,
    idle: null,
    unknown: null,
  },
  'RunStatus',
);
const NullableRecord = nullable(t.UnknownRecord);

/** The `loop_run_snapshot` envelope. */
export const LoopRunSnapshot = t.intersection(
  [
    t.type({
      schemaVersion: t.literal('v1'),
      envelopeType: t.literal('loop_run_snapshot'),
      emittedAt: t.string,
      source: Source,
      run: t.type({ runId: t.string, iteration: t.number, status: RunStatus, summary: NullableRecord }),
      runtime: t.intersection([
        t.type({ superloopState: NullableRecord, activeRun: NullableRecord, approval: NullableRecord }),
        t.partial({ heartbeat: NullableRecord }),
      ]),
      artifacts: t.intersection([
        t.type({
          events: ArtifactRef,
          runSummary: ArtifactRef,
          state: ArtifactRef,
          activeRun: ArtifactRef,
          approval: ArtifactRef,
        }),
        t.partial({ heartbeat: ArtifactRef }),
      ]),
      cursor: EnvelopeCursor,
      health: t.type({
        eventCount: t.number,
        lastEventAt: nullable(t.string),
        lastEventName: nullable(t.string),
        lastSummaryAt: nullable(t.string),
        hasPendingApproval: t.boolean,
        gates: nullable(Gates),
        stuck: nullable(Stuck),
      }),
    }),
    t.partial({ sequence: Sequence, traceId: nullable(t.string) }),
  ],
  'LoopRunSnapshot',
);
export type LoopRunSnapshot = t.TypeOf<typeof LoopRunSnapshot>;

/** The `loop_run_event` envelope. */
export const LoopRunEvent = t.intersection(
  [
    t.type({
      schemaVersion: t.literal('v1'),
      envelopeType: t.literal('loop_run_event'),
      emittedAt: t.string,
      source: Source,
      cursor: EnvelopeCursor,
      run: t.type({ runId: t.string, iteration: t.number }),
      event: t.type({
        timestamp: t.string,
        name: t.string,
        role: nullable(t.string),
        status: nullable(t.string),
        message: nullable(t.string),
        payload: t.unknown,
        raw: t.UnknownRecord,
      }),
    }),
    t.partial({ sequence: Sequence, traceId: nullable(t.string) }),
  ],
  'LoopRunEvent',
);
export type LoopRunEvent = t.TypeOf<typeof LoopRunEvent>;

/** The poll cursor file (the reference's keys; opsfold adds `eventByteOffset`). */
export const PollCursor = t.intersection(
  [
    t.type({ eventLineOffset: ExactCount }),
    t.partial({
      schemaVersion: t.string,
      repoPath: t.string,
      loopId: t.string,
      eventsFile: t.string,
      eventLineCount: ExactCount,
      updatedAt: t.string,
      eventByteOffset: ExactCount,
    }),
  ],
  'PollCursor',
);
export type PollCursor = t.TypeOf<typeof PollCursor>;
