// The manager state the page falls back on when the manager has not projected the loop's events yet
// (no state.json, an unreadable one, or one whose cursor covers fewer lines than events.jsonl holds):
// the loop's own snapshot and projection (lib/loop buildSnapshot, projectState) over the events the
// dashboard folded with the loop's own projection and the runtime's documents, exactly as
// `loop snapshot` then `loop project-state` would write it. Pure.
import * as E from 'fp-ts/lib/Either.js';
import type * as t from 'io-ts';
import { buildSnapshot, type LoopArtifacts } from '../loop/snapshot.js';
import { snapshotDocs } from '../loop/snapshot-views.js';
import { eventEnvelope } from '../loop/envelope.js';
import { projectionViews } from '../loop/envelope-views.js';
import { readView } from '../loop/lenient.js';
import { StateView as ManagerStateView } from '../loop/manager-views.js';
import type { LoopEventsState } from '../loop/events-projection.js';
import { projectState, type ProjectedState } from '../loop/project-state.js';
import { isObject } from '../core/json-object.js';
import type { JsonValue } from '../core/json-schema.js';
import type { ClassifiedDoc } from './artifact-state.js';
import { Num, record, viewOf } from './lenient.js';
import type { ValueSource as ValueSourceCodec } from './outputs.js';

type ValueSource = t.TypeOf<typeof ValueSourceCodec>;

/** The runtime's documents a snapshot reads beside events.jsonl (null: absent or unreadable). */
export type RuntimeDocs = Omit<LoopArtifacts<unknown>, 'events'>;

/** The runtime's files a snapshot reads beside events.jsonl. */
export type RuntimeFiles = Omit<LoopArtifacts<string>, 'events'>;

export interface StateChoice {
  readonly source: Exclude<ValueSource, 'none'>;
  /** Why the events were folded instead of reading the manager's state; null when they were not. */
  readonly reason: string | null;
}

const CursorCount = record('ManagerCursorCount', {
  cursor: record('ManagerCursor', { eventLineCount: Num }),
});

/**
 * Pure: whose lifecycle the page shows. The manager's state.json while it covers every line of
 * events.jsonl the page folded; the folded events when it is missing, unreadable or behind.
 */
export const stateChoiceOf = (state: ClassifiedDoc, eventLines: number | null): StateChoice => {
  if (eventLines === null || eventLines === 0) return { source: 'manager', reason: null };
  const file = state.state.file;
  if (state.state.kind !== 'ok' || state.value === null)
    return { source: 'events', reason: `${file} is ${state.state.kind}` };
  const covered = viewOf(CursorCount, state.value).cursor.eventLineCount ?? 0;
  return covered < eventLines
    ? { source: 'events', reason: `${file} covers ${covered} of ${eventLines} event lines` }
    : { source: 'manager', reason: null };
};

export interface FoldedStateInputs {
  readonly repo: string;
  readonly loopId: string;
  readonly asOf: string;
  /** The loop's own events projection as the page folded it, and the complete lines read. */
  readonly events: LoopEventsState;
  readonly eventLines: number;
  readonly runtime: RuntimeDocs;
  /** How events.jsonl and the snapshot it stands in for are named in the evidence. */
  readonly eventsFile: string;
  readonly snapshotFile: string;
  /** The manager's state.json as read (null when absent): the transition continues from it. */
  readonly previous: unknown;
}

const NOT_READ = { exists: false, sizeBytes: 0, lineCount: 0, sha256: null, mtimeEpoch: null };

/** Pure: the state.json `loop project-state` would write from a snapshot taken now. */
export const foldedStateOf = (i: FoldedStateInputs): ProjectedState => {
  const ref = (path: string) => ({ path, ...NOT_READ });
  const snapshot = buildSnapshot({
    repoPath: i.repo,
    loopId: i.loopId,
    emittedAt: i.asOf,
    runId: null,
    traceId: null,
    docs: snapshotDocs(i.runtime),
    lastEvent: i.events.last,
    eventLineCount: i.eventLines,
    refs: {
      events: ref(i.eventsFile),
      runSummary: ref(''),
      state: ref(''),
      activeRun: ref(''),
      approval: ref(''),
      heartbeat: ref(''),
    },
  });
  const ctx = {
    emittedAt: i.asOf,
    traceId: null,
    repoPath: i.repo,
    loopId: i.loopId,
    lineCount: i.eventLines,
  };
  const envelope =
    i.events.last === null ? null : eventEnvelope(i.events.last, i.events.lastLine, ctx, i.eventsFile);
  const views = projectionViews({
    snapshot,
    lastEventEnvelope: envelope !== null && E.isRight(envelope) ? envelope.right : null,
  });
  return projectState({
    repoPath: i.repo,
    loopId: i.loopId,
    generatedAt: i.asOf,
    snapshotFile: i.snapshotFile,
    eventsFile: i.eventsFile,
    ...views,
    previous: readView(ManagerStateView, i.previous),
  });
};

/**
 * Pure: the manager's state.json (as read; nothing when absent) with its lifecycle (run, transition,
 * projection, divergence) taken from the fold. Its cursor and health stay the manager's: they say what
 * the manager has ingested and judged, which folding the events does not change.
 */
export const withFoldedLifecycle = (manager: JsonValue, folded: ProjectedState): JsonValue =>
  // The projected state is JSON through and through (its codec is ManagerState).
  ({
    ...(isObject(manager) ? manager : {}),
    run: folded.run,
    transition: folded.transition,
    projection: folded.projection,
    divergence: folded.divergence,
  }) as JsonValue;
