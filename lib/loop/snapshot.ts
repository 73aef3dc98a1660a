// Builds the `loop_run_snapshot` envelope from what was read off disk. Pure: the runner gathers the
// artifacts and their metadata, this decides run identity, lifecycle and health fields exactly as
// the reference snapshot script does.
import type { MarkerStatLike } from './artifact-ref.js';
import { at, alt, eventName, eventStatus, text, toIteration, type RawEvent } from './event-fields.js';
import { lifecycleOf, type LoopFacts } from './lifecycle.js';
import type { LoopRunSnapshot } from './codecs.js';

export interface LoopArtifacts<A> {
  readonly events: A;
  readonly runSummary: A;
  readonly state: A;
  readonly activeRun: A;
  readonly approval: A;
  readonly heartbeat: A;
}

export interface SnapshotInputs {
  readonly repoPath: string;
  readonly loopId: string;
  readonly emittedAt: string;
  readonly runId: string | null;
  readonly traceId: string | null;
  /** Parsed JSON documents; null when the file is absent. */
  readonly docs: Omit<LoopArtifacts<unknown>, 'events'>;
  readonly lastEvent: RawEvent | null;
  readonly eventLineCount: number;
  readonly refs: LoopArtifacts<MarkerStatLike & { readonly path: string }>;
}

const nonEmpty = (v: unknown): string | null => {
  const s = text(alt(v, ''));
  return s.length > 0 ? s : null;
};

const latestEntry = (summary: unknown): unknown => {
  const entries = at(summary, 'entries');
  return Array.isArray(entries) && entries.length > 0 ? (entries[entries.length - 1] ?? null) : null;
};

/** Pure: the lifecycle facts of a snapshot's inputs. */
export const factsOf = (
  loopId: string,
  docs: SnapshotInputs['docs'],
  lastEvent: RawEvent | null,
): LoopFacts => {
  const summary = latestEntry(docs.runSummary);
  const state = docs.state;
  const active = at(state, 'active');
  return {
    loopId,
    approvalStatus: docs.approval === null ? null : text(alt(at(docs.approval, 'status'), '')),
    summaryPresent: summary !== null,
    completionOk: at(summary, 'completion_ok') === true,
    statePresent: state !== null,
    stateActive: active === true,
    stateInactive: alt(active, false) === false,
    stateLoopId: text(alt(at(state, 'current_loop_id'), '')),
    lastEventName: eventName(lastEvent),
    lastEventStatus: eventStatus(lastEvent),
  };
};

/** Pure: the snapshot envelope. */
export const buildSnapshot = (i: SnapshotInputs): LoopRunSnapshot => {
  const summary = latestEntry(i.docs.runSummary);
  const facts = factsOf(i.loopId, i.docs, i.lastEvent);
  const runId =
    i.runId ?? nonEmpty(at(summary, 'run_id')) ?? nonEmpty(at(i.lastEvent, 'run_id')) ?? 'unknown';
  const iteration = toIteration(
    alt(alt(at(summary, 'iteration'), at(i.lastEvent, 'iteration')), at(i.docs.state, 'iteration')),
  );
  const asRecord = (v: unknown) => (v === null || v === undefined ? null : (v as Record<string, unknown>));
  return {
    schemaVersion: 'v1',
    envelopeType: 'loop_run_snapshot',
    emittedAt: i.emittedAt,
    traceId: i.traceId,
    source: { repoPath: i.repoPath, loopId: i.loopId },
    run: { runId, iteration, status: lifecycleOf(facts, i.emittedAt).value, summary: asRecord(summary) },
    runtime: {
      superloopState: asRecord(i.docs.state),
      activeRun: asRecord(i.docs.activeRun),
      approval: asRecord(i.docs.approval),
      heartbeat: asRecord(i.docs.heartbeat),
    },
    artifacts: i.refs,
    sequence: { source: 'cursor_event_line_offset', value: i.eventLineCount },
    cursor: { eventLineOffset: i.eventLineCount, eventLineCount: i.eventLineCount },
    health: {
      eventCount: i.eventLineCount,
      lastEventAt: nonEmpty(at(i.lastEvent, 'timestamp')),
      lastEventName: facts.lastEventName.length > 0 ? facts.lastEventName : null,
      lastSummaryAt: nonEmpty(alt(at(i.docs.runSummary, 'updated_at'), at(summary, 'ended_at'))),
      hasPendingApproval: facts.approvalStatus === 'pending',
      gates: (alt(at(summary, 'gates'), null) as LoopRunSnapshot['health']['gates']) ?? null,
      stuck: (alt(at(summary, 'stuck'), null) as LoopRunSnapshot['health']['stuck']) ?? null,
    },
  };
};
