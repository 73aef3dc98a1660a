// Everything the dashboard knows about one loop, brought up to date on demand: the small documents
// are re-read (they are small), the logs are folded incrementally from checkpoints (events index,
// escalations) or kept as in-memory tail windows (intents, telemetry). Nothing is derived here that
// `opsfold loop status` does not derive the same way: the status document is decideStatus's. The
// reading is the edge's (LoopEdge, built by the runner over the file system; in memory in tests).
import type { Store } from '../io/store.js';
import { eventsIndexProjection } from './events-index.js';
import type { IndexView } from './index-view.js';
import { foldedStateOf, stateChoiceOf, withFoldedLifecycle, type StateChoice } from './folded-state.js';
import type { RuntimeDocs } from './folded-state.js';
import { docStates, missingDocs, readLoopDocs, readRuntimeDocs, type DocSet } from './loop-docs.js';
import type { LoopFiles } from './loop-files.js';
import type { ListedLoop } from './loop-list.js';
import { loopStatusOf, statusReadsOf, type StatusReads } from './loop-status.js';
import { loopDetailOf, loopRow, type AsOf, type EventTimesPort, type FoldedLogs } from './loop-view.js';
import type { LoopParts } from './loop-view.js';
import type { ArtifactState, LoopDetail, LoopRow } from './outputs.js';
import { SUMMARY_WINDOW, updateWindows, type Windows } from './windows.js';

/** How one loop's files are found and read. */
export interface LoopEdge {
  /** The repo's documents (confined to it). */
  readonly store: Store;
  /** The files of a loop of the repo. */
  filesOf(loopId: string): LoopFiles;
  /** A cheap identity of the files (inode, size, mtime): when it is unchanged, nothing is re-read. */
  signature(files: readonly string[]): Promise<string>;
  /** Folds events.jsonl and escalations.jsonl from their checkpoints. */
  foldLogs(files: LoopFiles): Promise<FoldedLogs>;
  /** The tail windows of the manager's logs (empty until updated). */
  windowsOf(files: LoopFiles): Windows;
  /** The timestamps of events.jsonl by line. */
  timesOf(files: LoopFiles): EventTimesPort;
  /** Why a log may not be read (outside the repo, not a regular file); null when it may. */
  refusal(files: LoopFiles, file: string): Promise<string | null>;
}

const missingRuntime: RuntimeDocs = {
  runSummary: null,
  state: null,
  activeRun: null,
  approval: null,
  heartbeat: null,
};

export class LoopModel implements LoopParts {
  readonly files: LoopFiles;
  readonly windows: Windows;
  readonly times: EventTimesPort;
  private signature = '';
  private logs: FoldedLogs | null = null;
  private docs: DocSet | null = null;
  private reads: StatusReads | null = null;
  private runtime: RuntimeDocs | null = null;
  /** Whose lifecycle is shown: the manager's state.json, or the events folded here. */
  stateChoice: StateChoice = { source: 'manager', reason: null };
  private windowStates: Partial<Record<string, ArtifactState>> = {};

  constructor(
    private readonly edge: LoopEdge,
    readonly listed: ListedLoop,
  ) {
    this.files = edge.filesOf(listed.loopId);
    this.windows = edge.windowsOf(this.files);
    this.times = edge.timesOf(this.files);
  }

  get loopId(): string {
    return this.listed.loopId;
  }

  /** The folds and documents as of the last refresh. */
  get read(): LoopParts['read'] {
    return { logs: this.logs, docs: this.docs };
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
    const sig = await this.edge.signature(this.files.watched);
    if (sig === this.signature && this.docs !== null) return false;
    this.logs = await this.edge.foldLogs(this.files);
    this.windowStates = await updateWindows(this.windows);
    this.docs = await readLoopDocs(this.edge.store, this.files);
    this.reads = statusReadsOf(this.docs, this.windows);
    this.runtime = await readRuntimeDocs(this.edge.store, this.files);
    const loop = this.logs.loop;
    this.stateChoice = stateChoiceOf(
      this.docs.state,
      loop.artifact.kind === 'missing' ? null : loop.cursor.lines,
    );
    this.signature = sig;
    return true;
  }

  eventsRefusal(): Promise<string | null> {
    return this.edge.refusal(this.files, this.files.paths.events);
  }

  artifacts(): ArtifactState[] {
    const docs = this.docs === null ? [] : docStates(this.docs);
    const logs = this.logs === null ? [] : [this.logs.events.artifact, this.logs.escalations.artifact];
    // escalations.jsonl is already there as a fold; its recent-records window would name it twice.
    const { escalations: _twice, ...windows } = this.windowStates;
    return [...logs, ...docs, ...Object.values(windows).filter((a): a is ArtifactState => a !== undefined)];
  }

  status(asOf: AsOf): Record<string, unknown> {
    const w = this.windows;
    return loopStatusOf({
      repo: this.files.root,
      loopId: this.loopId,
      files: this.files,
      reads: this.readsAt(asOf),
      asOf,
      telemetry: { reconcile: w.reconcile.records, control: w.control.records },
      summaryWindow: SUMMARY_WINDOW,
      reconcileExists: (this.windowStates['reconcile']?.kind ?? 'missing') !== 'missing',
    });
  }

  /** The status's inputs; with the lifecycle folded from the events when the manager's is not current. */
  private readsAt(asOf: AsOf): StatusReads {
    const docs = this.docs ?? missingDocs(this.files);
    const loop = this.logs?.loop;
    if (this.stateChoice.source === 'manager' || loop === undefined)
      return this.reads ?? statusReadsOf(docs, this.windows);
    const f = this.files;
    const folded = foldedStateOf({
      repo: f.root,
      loopId: this.loopId,
      asOf: asOf.iso,
      events: loop.state.inner,
      eventLines: loop.cursor.lines,
      runtime: this.runtime ?? missingRuntime,
      eventsFile: f.shown(f.paths.events),
      snapshotFile: `(folded by the dashboard from ${f.shown(f.paths.events)})`,
      previous: docs.state.value,
    });
    const state = { ...docs.state, value: withFoldedLifecycle(docs.state.value, folded) };
    return statusReadsOf({ ...docs, state }, this.windows);
  }

  /** The overview row as of `asOf`. */
  row(asOf: AsOf): LoopRow {
    return loopRow(this, asOf);
  }

  /** The detail view as of `asOf`. */
  detail(asOf: AsOf): Promise<LoopDetail> {
    return loopDetailOf(this, asOf);
  }
}
