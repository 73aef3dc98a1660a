// The runtime's documents as the snapshot reads them (run-summary.json, .superloop/state.json,
// approval.json, active-run.json, heartbeat): lenient views, as the reference reads them with jq `//`
// defaults, each keeping the whole document too, because the snapshot copies it into its envelope.
// Decoded once by the runner that reads the files; absent documents are null.
import type * as t from 'io-ts';
import {
  JsonValue as J,
  JqText,
  JqTrue,
  fromPath,
  lenient,
  lenientObject,
  readView,
  type Json,
} from './lenient.js';

const whole = fromPath([], J);

/** A `run-summary.json` entry: the fields the snapshot reads, and the entry itself. */
export const SummaryEntryView = lenientObject(
  {
    doc: whole,
    runId: fromPath(['run_id'], JqText),
    iteration: J,
    completionOk: fromPath(['completion_ok'], JqTrue),
    endedAt: fromPath(['ended_at'], J),
    gates: J,
    stuck: J,
  },
  'SummaryEntryView',
);
export type SummaryEntryView = t.TypeOf<typeof SummaryEntryView>;

const lastOf = (u: unknown): unknown => (Array.isArray(u) && u.length > 0 ? (u[u.length - 1] ?? null) : null);

/** `.entries[-1]` of a summary: the latest entry, null when there is none (or it is null). */
const LatestEntry = lenient(
  'LatestEntry',
  (u): u is SummaryEntryView | null => u === null || SummaryEntryView.is(u),
  (u) => {
    const last = lastOf(u);
    return last === null ? null : readView(SummaryEntryView, last);
  },
);

/** `run-summary.json` */
export const RunSummaryView = lenientObject(
  { updatedAt: fromPath(['updated_at'], J), latest: fromPath(['entries'], LatestEntry) },
  'RunSummaryView',
);

/** `.superloop/state.json`, as the snapshot and the admission read it. */
export const SuperloopStateView = lenientObject(
  { doc: whole, active: J, currentLoopId: fromPath(['current_loop_id'], J), iteration: J },
  'SuperloopStateView',
);
export type SuperloopStateView = t.TypeOf<typeof SuperloopStateView>;

/** `approval.json`, as the snapshot, the admission and the recorded decision read it. */
export const ApprovalView = lenientObject(
  { doc: whole, status: J, runId: fromPath(['run_id'], J), iteration: J },
  'ApprovalView',
);
export type ApprovalView = t.TypeOf<typeof ApprovalView>;

/** The runtime's documents as read (null when absent). */
export interface RuntimeDocs<A> {
  readonly runSummary: A;
  readonly state: A;
  readonly activeRun: A;
  readonly approval: A;
  readonly heartbeat: A;
}

/** The runtime's documents through their views; active-run and heartbeat are copied unread. */
export interface SnapshotDocs {
  readonly runSummary: t.TypeOf<typeof RunSummaryView>;
  readonly state: SuperloopStateView;
  readonly activeRun: Json;
  readonly approval: ApprovalView;
  readonly heartbeat: Json;
}

/** Pure: each runtime document through its view. */
export const snapshotDocs = (d: RuntimeDocs<unknown>): SnapshotDocs => ({
  runSummary: readView(RunSummaryView, d.runSummary),
  state: readView(SuperloopStateView, d.state),
  activeRun: readView(J, d.activeRun),
  approval: readView(ApprovalView, d.approval),
  heartbeat: readView(J, d.heartbeat),
});
