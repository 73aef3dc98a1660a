// Everything the dashboard knows about one loop, brought up to date on demand: the small documents
// are re-read (they are small), the logs are folded incrementally from checkpoints (events index,
// escalations) or kept as in-memory tail windows (intents, telemetry). Nothing is derived here that
// `opsfold loop status` does not derive the same way: the status document is buildStatus's.
import { eventsIndexProjection } from '../../lib/dashboard/events-index.js';
import type { IndexView } from '../../lib/dashboard/index-view.js';
import type { ListedLoop } from '../../lib/dashboard/loop-list.js';
import type { ArtifactState, LoopDetail, LoopRow } from '../../lib/dashboard/outputs.js';
import type { Store } from '../../lib/io/store.js';
import { EventTimes } from './event-times.js';
import { signatureOf } from './file-checks.js';
import { docStates, missingDocs, readLoopDocs, type DocSet } from './loop-docs.js';
import { loopFiles, type LoopFiles } from './loop-files.js';
import { foldLogs, type FoldedLogs } from './loop-logs.js';
import { statusOf } from './loop-status.js';
import { loopDetailOf, loopRow, type AsOf, type LoopParts } from './loop-views.js';
import { SUMMARY_WINDOW, tailWindows, updateWindows, type Windows } from './windows.js';

export class LoopModel implements LoopParts {
  readonly files: LoopFiles;
  readonly windows: Windows;
  readonly times: EventTimes;
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
    const sig = await signatureOf(this.files.watched);
    if (sig === this.signature && this.docs !== null) return false;
    this.logs = await foldLogs(this.files);
    this.windowStates = await updateWindows(this.windows);
    this.docs = await readLoopDocs(this.store, this.files);
    this.signature = sig;
    return true;
  }

  artifacts(): ArtifactState[] {
    const docs = this.docs === null ? [] : docStates(this.docs);
    const logs = this.logs === null ? [] : [this.logs.events.artifact, this.logs.escalations.artifact];
    // escalations.jsonl is already there as a fold; its recent-records window would name it twice.
    const { escalations: _twice, ...windows } = this.windowStates;
    return [...logs, ...docs, ...Object.values(windows).filter((a): a is ArtifactState => a !== undefined)];
  }

  status(asOf: AsOf): unknown {
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

  /** The overview row as of `asOf`. */
  row(asOf: AsOf): LoopRow {
    return loopRow(this, asOf);
  }

  /** The detail view as of `asOf`. */
  detail(asOf: AsOf): Promise<LoopDetail> {
    return loopDetailOf(this, asOf);
  }
}
