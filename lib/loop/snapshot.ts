// Builds the `loop_run_snapshot` envelope from what was read off disk. Pure: the runner gathers the
// artifacts and their metadata, this decides run identity, lifecycle and health fields exactly as
// the reference snapshot script does.
import type { MarkerStatLike } from './artifact-ref.js';
import { alt, eventName, eventStatus, text, toIteration, type RawEvent } from './event-fields.js';
import { lifecycleOf, type LoopFacts } from './lifecycle.js';
import type { LoopRunSnapshot } from './codecs.js';
import type { Json } from './lenient.js';
import type { RuntimeDocs, SnapshotDocs, SummaryEntryView } from './snapshot-views.js';

export interface LoopArtifacts<A> extends RuntimeDocs<A> {
  readonly events: A;
}

export interface SnapshotInputs {
  readonly repoPath: string;
  readonly loopId: string;
  readonly emittedAt: string;
  readonly runId: string | null;
  readonly traceId: string | null;
  /** The runtime's documents through their views (see snapshotDocs). */
  readonly docs: SnapshotDocs;
  readonly lastEvent: RawEvent | null;
  readonly eventLineCount: number;
  readonly refs: LoopArtifacts<MarkerStatLike & { readonly path: string }>;
}

const nonEmpty = (v: unknown): string | null => {
  const s = text(alt(v, ''));
  return s.length > 0 ? s : null;
};

/** Pure: the lifecycle facts of a snapshot's inputs. */
export const factsOf = (loopId: string, docs: SnapshotDocs, lastEvent: RawEvent | null): LoopFacts => {
  const summary = docs.runSummary.latest;
  const active = docs.state.active;
  return {
    loopId,
    approvalStatus: docs.approval.doc === null ? null : text(alt(docs.approval.status, '')),
    summaryPresent: summary !== null,
    completionOk: summary?.completionOk === true,
    statePresent: docs.state.doc !== null,
    stateActive: active === true,
    stateInactive: alt(active, false) === false,
    stateLoopId: text(alt(docs.state.currentLoopId, '')),
    lastEventName: eventName(lastEvent),
    lastEventStatus: eventStatus(lastEvent),
  };
};

/** A summary without entries reads as an entry whose every field is absent. */
const NO_ENTRY: SummaryEntryView = {
  doc: null,
  runId: null,
  iteration: null,
  completionOk: false,
  endedAt: null,
  gates: null,
  stuck: null,
};

/** The documents are copied as read: the envelope's codec takes any JSON value there. */
const asRecord = (v: Json): Record<string, unknown> | null =>
  v === null ? null : (v as Record<string, unknown>);

/** Pure: the snapshot envelope. */
export const buildSnapshot = (i: SnapshotInputs): LoopRunSnapshot => {
  const summary = i.docs.runSummary.latest ?? NO_ENTRY;
  const event: RawEvent = i.lastEvent ?? {};
  const facts = factsOf(i.loopId, i.docs, i.lastEvent);
  const runId = i.runId ?? summary.runId ?? nonEmpty(event.run_id) ?? 'unknown';
  const iteration = toIteration(alt(alt(summary.iteration, event.iteration), i.docs.state.iteration));
  return {
    schemaVersion: 'v1',
    envelopeType: 'loop_run_snapshot',
    emittedAt: i.emittedAt,
    traceId: i.traceId,
    source: { repoPath: i.repoPath, loopId: i.loopId },
    run: { runId, iteration, status: lifecycleOf(facts, i.emittedAt).value, summary: asRecord(summary.doc) },
    runtime: {
      superloopState: asRecord(i.docs.state.doc),
      activeRun: asRecord(i.docs.activeRun),
      approval: asRecord(i.docs.approval.doc),
      heartbeat: asRecord(i.docs.heartbeat),
    },
    artifacts: i.refs,
    sequence: { source: 'cursor_event_line_offset', value: i.eventLineCount },
    cursor: { eventLineOffset: i.eventLineCount, eventLineCount: i.eventLineCount },
    health: {
      eventCount: i.eventLineCount,
      lastEventAt: nonEmpty(event.timestamp),
      lastEventName: facts.lastEventName.length > 0 ? facts.lastEventName : null,
      lastSummaryAt: nonEmpty(alt(i.docs.runSummary.updatedAt, summary.endedAt)),
      hasPendingApproval: facts.approvalStatus === 'pending',
      gates: (alt(summary.gates, null) as LoopRunSnapshot['health']['gates']) ?? null,
      stuck: (alt(summary.stuck, null) as LoopRunSnapshot['health']['stuck']) ?? null,
    },
  };
};
