// Everything the dashboard knows about one loop, brought up to date on demand: the small documents
// are re-read (they are small), the logs are folded incrementally from checkpoints (events index,
// escalations) or kept as in-memory tail windows (intents, telemetry). Nothing is derived here that
// `opsfold loop status` does not derive the same way: the status document is buildStatus's.
import { join } from 'node:path';
import { problemsOf, type ArtifactState } from '../../lib/dashboard/artifact-state.js';
import { loopDetail, type LoopDetail } from '../../lib/dashboard/detail.js';
import { eventsIndexProjection, type EventsIndexState } from '../../lib/dashboard/events-index.js';
import { factsOf } from '../../lib/dashboard/facts.js';
import { get } from '../../lib/dashboard/fields.js';
import type { ListedLoop } from '../../lib/dashboard/loop-list.js';
import { rowOf, type LoopFacts, type LoopRow } from '../../lib/dashboard/overview.js';
import { tracked } from '../../lib/dashboard/tracked.js';
import {
  activeEscalations,
  decodeEscalation,
  escalationsProjection,
  type EscalationHistory,
} from '../../lib/loop/escalations.js';
import { foldIncremental, type FoldOutcome } from './folds.js';
import { EventTimes, type IndexView } from './events-log.js';
import { loopFiles, readDoc, signatureOf, type LoopFiles } from './loop-files.js';
import { statusOf, type DocSet } from './loop-status.js';
import { TailWindow } from './tail-window.js';

export const SUMMARY_WINDOW = 200;
export const CHART_WINDOW = 60;

const eventsIndex = tracked(eventsIndexProjection, 'dashboard-events-index');
const escalations = tracked(escalationsProjection, 'dashboard-escalations');

const DOCS = ['state', 'cursor', 'health', 'drift', 'alertDispatchState', 'heartbeat', 'sequence'] as const;

const missingDocs = (shown: (f: string) => string, files: LoopFiles): DocSet => {
  const m = files.manager;
  const doc = (f: string) => ({ state: { file: shown(f), kind: 'missing' as const }, value: null });
  return {
    state: doc(m.stateFile),
    cursor: doc(m.cursorFile),
    health: doc(m.healthFile),
    drift: doc(m.driftStateFile),
    alertDispatchState: doc(m.alertDispatchStateFile),
    heartbeat: doc(m.heartbeatStateFile),
    sequence: doc(m.sequenceStateFile),
  };
};

export interface AsOf {
  readonly ms: number;
  readonly iso: string;
}

export class LoopModel {
  readonly files: LoopFiles;
  private readonly windows;
  private readonly times: EventTimes;
  private signature = '';
  private events: FoldOutcome<EventsIndexState> | null = null;
  private escalations: FoldOutcome<EscalationHistory> | null = null;
  private docs: DocSet | null = null;
  private windowStates: Partial<Record<string, ArtifactState>> = {};

  constructor(
    readonly repo: string,
    readonly stateDir: string,
    readonly listed: ListedLoop,
  ) {
    this.files = loopFiles(repo, listed.loopId, stateDir);
    const m = this.files.manager;
    const w = (file: string, size: number) => new TailWindow(file, this.files.shown(file), size);
    this.windows = {
      intents: w(m.intentsFile, 20),
      invocations: w(m.controlInvocationsFile, 20),
      control: w(m.controlTelemetryFile, SUMMARY_WINDOW),
      reconcile: w(m.reconcileTelemetryFile, SUMMARY_WINDOW),
      alerts: w(m.alertDispatchTelemetryFile, 1),
      escalations: w(m.escalationsFile, 10),
    };
    this.times = new EventTimes(this.files.paths.events);
  }

  get loopId(): string {
    return this.listed.loopId;
  }

  /** The events index as last folded (for timeline line numbers). */
  get index(): IndexView {
    const e = this.events;
    return e === null
      ? { state: eventsIndexProjection.initial, cursor: { byteOffset: 0, lines: 0 } }
      : { state: e.state.inner, cursor: e.cursor };
  }

  /** Re-reads what changed since the last refresh; false when nothing did. */
  async refresh(): Promise<boolean> {
    const sig = await signatureOf(this.files.watched);
    if (sig === this.signature && this.docs !== null) return false;
    const f = this.files;
    this.events = await foldIncremental({
      file: f.paths.events,
      shownAs: f.shown(f.paths.events),
      projection: eventsIndex,
      checkpointPath: join(f.checkpoints, `${eventsIndex.name}.json`),
    });
    this.escalations = await foldIncremental({
      file: f.manager.escalationsFile,
      shownAs: f.shown(f.manager.escalationsFile),
      projection: escalations,
      checkpointPath: join(f.checkpoints, `${escalations.name}.json`),
      decode: decodeEscalation,
    });
    for (const win of Object.values(this.windows)) await win.update();
    const states: Partial<Record<string, ArtifactState>> = {};
    for (const [name, win] of Object.entries(this.windows)) states[name] = await win.artifact();
    this.windowStates = states;
    this.docs = await this.readDocs();
    this.signature = sig;
    return true;
  }

  private async readDocs(): Promise<DocSet> {
    const m = this.files.manager;
    const fileOf: Record<(typeof DOCS)[number], string> = {
      state: m.stateFile,
      cursor: m.cursorFile,
      health: m.healthFile,
      drift: m.driftStateFile,
      alertDispatchState: m.alertDispatchStateFile,
      heartbeat: m.heartbeatStateFile,
      sequence: m.sequenceStateFile,
    };
    const out: Partial<Record<string, Awaited<ReturnType<typeof readDoc>>>> = {};
    for (const k of DOCS) out[k] = await readDoc(fileOf[k], this.files.shown(fileOf[k]));
    return out as unknown as DocSet;
  }

  private artifacts(): ArtifactState[] {
    const docs = this.docs === null ? [] : DOCS.map((k) => (this.docs as DocSet)[k].state);
    const logs = [this.events?.artifact, this.escalations?.artifact].filter(
      (a): a is ArtifactState => a !== undefined,
    );
    // escalations.jsonl is already there as a fold; its recent-records window would name it twice.
    const { escalations: _twice, ...windows } = this.windowStates;
    return [...logs, ...docs, ...Object.values(windows).filter((a): a is ArtifactState => a !== undefined)];
  }

  private notes(): string[] {
    return [...(this.events?.notes ?? []), ...(this.escalations?.notes ?? [])];
  }

  private status(asOf: AsOf): unknown {
    const w = this.windows;
    return statusOf({
      repo: this.repo,
      loopId: this.loopId,
      files: this.files,
      docs: this.docs ?? missingDocs(this.files.shown, this.files),
      asOf,
      windows: { intents: w.intents, invocations: w.invocations, control: w.control, reconcile: w.reconcile },
      lastAlert: w.alerts.last,
      summaryWindow: SUMMARY_WINDOW,
      reconcileExists: (this.windowStates['reconcile']?.kind ?? 'missing') !== 'missing',
    });
  }

  private facts(status: unknown): LoopFacts {
    const esc = this.escalations?.state.inner ?? escalationsProjection.initial;
    const f = this.files;
    return factsOf({
      loopId: this.loopId,
      enabled: this.listed.enabled,
      status,
      state: this.docs?.state.value ?? null,
      lastEvent: this.index.state.last,
      eventLines: this.events?.artifact.kind === 'missing' ? null : this.index.cursor.lines,
      haveCursor: this.docs?.state.value != null || this.docs?.cursor.value != null,
      escalations: { open: activeEscalations(esc).length, unkeyed: esc.unkeyed },
      lastIntent: this.windows.intents.last,
      lastInvocation: this.windows.invocations.last,
      problems: problemsOf(this.artifacts(), [f.shown(f.paths.events), f.shown(f.manager.stateFile)]),
    });
  }

  /** The overview row as of `asOf`. */
  row(asOf: AsOf): LoopRow {
    return rowOf(this.facts(this.status(asOf)), asOf.ms);
  }

  /** The detail view as of `asOf` (loads the event timestamps its chart needs). */
  async detail(asOf: AsOf): Promise<LoopDetail> {
    const status = this.status(asOf);
    const reconcile = this.windows.reconcile.records.slice(-CHART_WINDOW);
    const idx = this.index;
    this.times.sync(idx);
    const lines = reconcile
      .map((r) => get(r, 'cursorOffsetAfter'))
      .filter((n): n is number => typeof n === 'number');
    await this.times.load(idx, lines);
    const esc = this.escalations?.state.inner ?? escalationsProjection.initial;
    return loopDetail({
      row: rowOf(this.facts(status), asOf.ms),
      status,
      openEscalations: activeEscalations(esc),
      recentEscalations: this.windows.escalations.newest(10),
      intents: this.windows.intents.newest(20),
      invocations: this.windows.invocations.newest(20),
      reconcile,
      eventAt: (line) => this.times.at(line),
      artifacts: this.artifacts(),
      notes: this.notes(),
    });
  }
}
