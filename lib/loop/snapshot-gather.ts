// Everything a snapshot needs, over ports (the runner reads them off disk): the events log folded from
// its checkpoint, its corrupt lines quarantined, the small JSON artifacts and their metadata. Returns
// the snapshot and a `commit` that saves the checkpoint once the caller's outputs are written.
import type { FoldFileResult } from '../io/fold-file.js';
import type { MarkerStat } from '../io/markers.js';
import { displayPath } from './artifact-ref.js';
import type { LoopRunSnapshot } from './codecs.js';
import type { LoopEventsState } from './events-projection.js';
import { gatherNotes } from './gather-notes.js';
import type { CorruptItem } from './quarantine.js';
import { buildSnapshot, type LoopArtifacts } from './snapshot.js';
import { snapshotDocs } from './snapshot-views.js';

export interface GatherOptions {
  readonly asOf: string;
  readonly fromStart: boolean;
  readonly skipCorrupt: boolean;
  readonly runId: string | null;
  readonly traceId: string | null;
}

export type EventsFold = FoldFileResult<LoopEventsState>;

export interface Gathered {
  readonly snapshot: LoopRunSnapshot;
  readonly fold: EventsFold;
  readonly notes: readonly string[];
  commit(): Promise<void>;
}

/** The loop's artifact files a snapshot reads. */
export type SnapshotFiles = LoopArtifacts<string> & { readonly repo: string; readonly loopId: string };

export interface SnapshotPorts {
  /** Fails (throws) when the loop's directory or events log is missing or resolves outside the repo. */
  requireEvents(): void;
  foldEvents(o: GatherOptions): Promise<EventsFold>;
  /** Keeps the corrupt lines; answers where, or null when there were none. */
  quarantine(items: readonly CorruptItem[], asOf: string): Promise<string | null>;
  /** The document at `file`, null when absent. */
  readDoc(file: string): Promise<unknown>;
  stat(file: string): Promise<MarkerStat>;
  /** The events log's metadata from its fold (what was read plus the torn tail). */
  eventsStat(fold: EventsFold): Promise<MarkerStat>;
  saveCheckpoint(fold: EventsFold): Promise<void>;
}

type Docs<A> = Omit<LoopArtifacts<A>, 'events'>;

/** `read` of each artifact beside the events log, one after another in the snapshot's order. */
const eachDoc = async <A>(f: SnapshotFiles, read: (file: string) => Promise<A>): Promise<Docs<A>> => ({
  runSummary: await read(f.runSummary),
  state: await read(f.state),
  activeRun: await read(f.activeRun),
  approval: await read(f.approval),
  heartbeat: await read(f.heartbeat),
});

/** Reads and folds a loop's artifacts into its snapshot envelope. */
export const gatherSnapshotOver = async (
  ports: SnapshotPorts,
  f: SnapshotFiles,
  o: GatherOptions,
): Promise<Gathered> => {
  ports.requireEvents();
  const fold = await ports.foldEvents(o);
  const quarantined = await ports.quarantine(fold.corrupt, o.asOf);
  const notes = gatherNotes({
    events: f.events,
    foldNotes: fold.notes,
    corruptLines: fold.corrupt.length,
    quarantined,
    tornTail: fold.end.tornTail,
  });
  const docs = snapshotDocs(await eachDoc(f, (file) => ports.readDoc(file)));
  const ref = (path: string, stat: MarkerStat) => ({ path: displayPath(f.repo, path), ...stat });
  const events = ref(f.events, await ports.eventsStat(fold));
  const refs = { events, ...(await eachDoc(f, async (file) => ref(file, await ports.stat(file)))) };
  const snapshot = buildSnapshot({
    repoPath: f.repo,
    loopId: f.loopId,
    emittedAt: o.asOf,
    runId: o.runId,
    traceId: o.traceId,
    docs,
    lastEvent: fold.state.last,
    eventLineCount: fold.cursor.lines,
    refs,
  });
  return { snapshot, fold, notes, commit: () => ports.saveCheckpoint(fold) };
};
