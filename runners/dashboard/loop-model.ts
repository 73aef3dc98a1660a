// Everything the dashboard knows about one loop, brought up to date on demand: the small documents
// are re-read (they are small), the logs are folded incrementally from checkpoints (events index,
// escalations) or kept as in-memory tail windows (intents, telemetry). Nothing is derived here that
// `opsfold loop status` does not derive the same way: the status document is buildStatus's.
import { problemsOf } from '../../lib/dashboard/artifact-state.js';
import { loopDetail } from '../../lib/dashboard/detail.js';
import type { ArtifactState, LoopDetail, LoopFacts, LoopRow } from '../../lib/dashboard/outputs.js';
import { eventsIndexProjection } from '../../lib/dashboard/events-index.js';
import { factsOf } from '../../lib/dashboard/facts.js';
import { Json, viewOf } from '../../lib/dashboard/lenient.js';
import type { ListedLoop } from '../../lib/dashboard/loop-list.js';
import { rowOf } from '../../lib/dashboard/overview.js';
import { ControlRecord, ReconcileRecord, StateView, StatusView } from '../../lib/dashboard/views.js';
import type { Store } from '../../lib/io/store.js';
import { activeEscalations, escalationsProjection } from '../../lib/loop/escalations.js';
import type { IndexView } from '../../lib/dashboard/index-view.js';
import { EventTimes } from './event-times.js';
import { docStates, missingDocs, readLoopDocs, type DocSet } from './loop-docs.js';
import { refusalOf, signatureOf } from './file-checks.js';
import { loopFiles, type LoopFiles } from './loop-files.js';
import { foldLogs, type FoldedLogs } from './loop-logs.js';
import { SUMMARY_WINDOW, tailWindows, updateWindows } from './windows.js';
import { statusOf } from './loop-status.js';

const CHART_WINDOW = 60;

const control = (r: unknown) => (r === null ? null : viewOf(ControlRecord, r));
const controls = (rs: readonly unknown[]) => rs.map((r) => viewOf(ControlRecord, r));

export interface AsOf {
  readonly ms: number;
  readonly iso: string;
}

export class LoopModel {
  readonly files: LoopFiles;
  private readonly windows;
  private readonly times: EventTimes;
  private signature = '';
  private logs: FoldedLogs | null = null;
  private docs: DocSet | null = null;
  private windowStates: Partial<Record<string, ArtifactState>> = {};

  constructor(
    readonly store: Store,
    readonly stateDir: string,
    readonly listed: ListedLoop,
  ) {
    this.files = loopFiles(store.root, listed.loopId, stateDir);
    this.windows = tailWindows(this.files);
    this.times = new EventTimes(this.files.paths.events);
  }

  get loopId(): string {
    return this.listed.loopId;
  }

  /** The events index as last folded (for timeline line numbers). */
  get index(): IndexView {
    const e = this.logs?.events;
    return e === undefined
      ? { state: eventsIndexProjection.initial, cursor: { byteOffset: 0, lines: 0 } }
      : { state: e.state.inner, cursor: e.cursor };
  }

  /** Re-reads what changed since the last refresh; false when nothing did. */
  async refresh(): Promise<boolean> {
    const sig = await signatureOf(this.files.watched);
    if (sig === this.signature && this.docs !== null) return false;
    this.logs = await foldLogs(this.files);
    this.windowStates = await updateWindows(this.windows);
    this.docs = await readLoopDocs(this.store, this.files);
    this.signature = sig;
    return true;
  }

  private artifacts(): ArtifactState[] {
    const docs = this.docs === null ? [] : docStates(this.docs);
    const logs = this.logs === null ? [] : [this.logs.events.artifact, this.logs.escalations.artifact];
    // escalations.jsonl is already there as a fold; its recent-records window would name it twice.
    const { escalations: _twice, ...windows } = this.windowStates;
    return [...logs, ...docs, ...Object.values(windows).filter((a): a is ArtifactState => a !== undefined)];
  }

  private escalationHistory() {
    return this.logs?.escalations.state.inner ?? escalationsProjection.initial;
  }

  private status(asOf: AsOf): unknown {
    const w = this.windows;
    return statusOf({
      repo: this.store.root,
      loopId: this.loopId,
      files: this.files,
      docs: this.docs ?? missingDocs(this.files),
      asOf,
      windows: { intents: w.intents, invocations: w.invocations, control: w.control, reconcile: w.reconcile },
      lastAlert: w.alerts.last,
      summaryWindow: SUMMARY_WINDOW,
      reconcileExists: (this.windowStates['reconcile']?.kind ?? 'missing') !== 'missing',
    });
  }

  private facts(status: StatusView): LoopFacts {
    const esc = this.escalationHistory();
    const f = this.files;
    return factsOf({
      loopId: this.loopId,
      enabled: this.listed.enabled,
      status,
      state: viewOf(StateView, this.docs?.state.value ?? null),
      lastEvent: this.index.state.last,
      eventLines: this.logs?.events.artifact.kind === 'missing' ? null : this.index.cursor.lines,
      haveCursor: this.docs?.state.value != null || this.docs?.cursor.value != null,
      escalations: { open: activeEscalations(esc).length, unkeyed: esc.unkeyed },
      lastIntent: control(this.windows.intents.last),
      lastInvocation: control(this.windows.invocations.last),
      problems: problemsOf(this.artifacts(), [f.shown(f.paths.events), f.shown(f.manager.stateFile)]),
    });
  }

  /** The overview row as of `asOf`. */
  row(asOf: AsOf): LoopRow {
    return rowOf(this.facts(viewOf(StatusView, this.status(asOf))), asOf.ms);
  }

  /** The detail view as of `asOf` (loads the event timestamps its chart needs). */
  async detail(asOf: AsOf): Promise<LoopDetail> {
    const statusDoc = viewOf(Json, this.status(asOf));
    const status = viewOf(StatusView, statusDoc);
    const reconcile = this.windows.reconcile.records
      .slice(-CHART_WINDOW)
      .map((r) => viewOf(ReconcileRecord, r));
    const idx = this.index;
    this.times.sync(idx);
    const lines = reconcile.map((r) => r.cursorOffsetAfter).filter((n): n is number => n !== null);
    // A refused events log (outside the repo, a FIFO) is never read, not even for chart timestamps.
    if ((await refusalOf(this.files.root, this.files.paths.events)) === null)
      await this.times.load(idx, lines);
    return loopDetail({
      row: rowOf(this.facts(status), asOf.ms),
      statusDoc,
      status,
      openEscalations: activeEscalations(this.escalationHistory()),
      recentEscalations: this.windows.escalations.newest(10).map((r) => viewOf(Json, r)),
      intents: controls(this.windows.intents.newest(20)),
      invocations: controls(this.windows.invocations.newest(20)),
      reconcile,
      eventAt: (line) => this.times.at(line),
      artifacts: this.artifacts(),
      notes: [...(this.logs?.events.notes ?? []), ...(this.logs?.escalations.notes ?? [])],
    });
  }
}
