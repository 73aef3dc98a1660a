// The overview row and the detail view of one loop, from what its model has read: the status
// document (decideStatus's, as `opsfold loop status` derives it), the folds and the tail windows.
// The event timestamps the chart needs are looked up through the parts (the runner's reader).
import type { EscalationHistory } from '../loop/escalations.js';
import type { LoopEventsState } from '../loop/events-projection.js';
import { activeEscalations, escalationsProjection } from '../loop/escalations.js';
import { problemsOf } from './artifact-state.js';
import { loopDetail } from './detail.js';
import type { EventsIndexState } from './events-index.js';
import { factsOf } from './facts.js';
import type { StateChoice } from './folded-state.js';
import type { FoldOutcome } from './fold-outcome.js';
import type { IndexView } from './index-view.js';
import { Json, viewOf } from './lenient.js';
import type { DocSet } from './loop-docs.js';
import type { LoopFiles } from './loop-files.js';
import type { ListedLoop } from './loop-list.js';
import type { ArtifactState, LoopDetail, LoopFacts, LoopRow } from './outputs.js';
import { rowOf } from './overview.js';
import { ControlRecord, ReconcileRecord, StateView, StatusView } from './views.js';
import type { Windows } from './windows.js';

const CHART_WINDOW = 60;

export interface AsOf {
  readonly ms: number;
  readonly iso: string;
}

/**
 * The logs of one loop the dashboard folds: the events index, the loop's own events projection (for
 * the lifecycle when the manager has not projected the events yet) and the escalations' open set.
 */
export interface FoldedLogs {
  readonly events: FoldOutcome<EventsIndexState>;
  readonly loop: FoldOutcome<LoopEventsState>;
  readonly escalations: FoldOutcome<EscalationHistory>;
}

/** Timestamps of events by line number, looked up in events.jsonl and cached (the runner's reader). */
export interface EventTimesPort {
  /** Forget cached lookups when the fold restarted or the log shrank. */
  sync(index: IndexView): void;
  load(index: IndexView, lines: readonly number[]): Promise<void>;
  /** The timestamp of the last record at or before `line`, as loaded. */
  at(line: number): string | null;
}

/** What a loop model holds, as of its last refresh. */
export interface LoopParts {
  readonly listed: ListedLoop;
  readonly files: LoopFiles;
  readonly windows: Windows;
  readonly times: EventTimesPort;
  readonly index: IndexView;
  readonly read: { readonly logs: FoldedLogs | null; readonly docs: DocSet | null };
  /** Whose lifecycle the status shows (the manager's state.json, or the events folded here). */
  readonly stateChoice: StateChoice;
  artifacts(): ArtifactState[];
  status(asOf: AsOf): unknown;
  /** Why events.jsonl may not be read (outside the repo, not a regular file); null when it may. */
  eventsRefusal(): Promise<string | null>;
}

const control = (r: unknown) => (r === null ? null : viewOf(ControlRecord, r));
const controls = (rs: readonly unknown[]) => rs.map((r) => viewOf(ControlRecord, r));
const escalationsOf = (p: LoopParts) => p.read.logs?.escalations.state.inner ?? escalationsProjection.initial;

const facts = (p: LoopParts, status: StatusView): LoopFacts => {
  const { logs, docs } = p.read;
  const esc = escalationsOf(p);
  const f = p.files;
  return factsOf({
    loopId: p.listed.loopId,
    enabled: p.listed.enabled,
    status,
    state: viewOf(StateView, docs?.state.value ?? null),
    lastEvent: p.index.state.last,
    eventLines: logs?.events.artifact.kind === 'missing' ? null : p.index.cursor.lines,
    haveCursor: docs?.state.value != null || docs?.cursor.value != null,
    escalations: { open: activeEscalations(esc).length, unkeyed: esc.unkeyed },
    lastIntent: control(p.windows.intents.last),
    lastInvocation: control(p.windows.invocations.last),
    problems: problemsOf(p.artifacts(), [f.shown(f.paths.events), f.shown(f.manager.stateFile)]),
    stateChoice: p.stateChoice,
  });
};

/** The overview row as of `asOf`. */
export const loopRow = (p: LoopParts, asOf: AsOf): LoopRow =>
  rowOf(facts(p, viewOf(StatusView, p.status(asOf))), asOf.ms);

/** The detail view as of `asOf` (loads the event timestamps its chart needs). */
export const loopDetailOf = async (p: LoopParts, asOf: AsOf): Promise<LoopDetail> => {
  const statusDoc = viewOf(Json, p.status(asOf));
  const status = viewOf(StatusView, statusDoc);
  const reconcile = p.windows.reconcile.records.slice(-CHART_WINDOW).map((r) => viewOf(ReconcileRecord, r));
  const idx = p.index;
  p.times.sync(idx);
  const lines = reconcile.map((r) => r.cursorOffsetAfter).filter((n): n is number => n !== null);
  // A refused events log (outside the repo, a FIFO) is never read, not even for chart timestamps.
  if ((await p.eventsRefusal()) === null) await p.times.load(idx, lines);
  const logs = p.read.logs;
  return loopDetail({
    row: rowOf(facts(p, status), asOf.ms),
    statusDoc,
    status,
    openEscalations: activeEscalations(escalationsOf(p)),
    recentEscalations: p.windows.escalations.newest(10).map((r) => viewOf(Json, r)),
    intents: controls(p.windows.intents.newest(20)),
    invocations: controls(p.windows.invocations.newest(20)),
    reconcile,
    eventAt: (line) => p.times.at(line),
    artifacts: p.artifacts(),
    notes: [...(logs?.events.notes ?? []), ...(logs?.escalations.notes ?? [])],
  });
};
