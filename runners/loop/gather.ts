// Everything a snapshot needs, read off disk: the events log folded from its checkpoint (only the
// appended bytes are read; its sha256 is resumed, not recomputed), the small JSON artifacts, and
// their metadata. Returns the snapshot and a `commit` that saves the checkpoint once the caller's
// outputs are written.
import { promises as fsp } from 'node:fs';
import { join } from 'node:path';
import { Sha256Hasher } from '../../lib/core/sha256.js';
import { foldFile, saveFoldCheckpoint, type FoldFileResult } from '../../lib/io/fold-file.js';
import { statMarker, type MarkerStat } from '../../lib/io/markers.js';
import { readRange } from '../../lib/io/byte-range.js';
import { loopEventsProjection, type LoopEventsState } from '../../lib/loop/events-projection.js';
import { decodeLoopEventLine } from '../../lib/loop/event-guard.js';
import { buildSnapshot, type LoopArtifacts } from '../../lib/loop/snapshot.js';
import { snapshotDocs } from '../../lib/loop/snapshot-views.js';
import { displayPath } from '../../lib/loop/artifact-ref.js';
import { gatherNotes } from '../../lib/loop/gather-notes.js';
import type { LoopRunSnapshot } from '../../lib/loop/codecs.js';
import { readJsonDoc } from '../cli/json-doc.js';
import { explainFoldError } from './fold-errors.js';
import { quarantine } from './quarantine.js';
import type { LoopPaths } from '../cli/loop-paths.js';
import { requireEvents } from './require-events.js';

export interface GatherOptions {
  readonly asOf: string;
  readonly fromStart: boolean;
  readonly skipCorrupt: boolean;
  readonly runId: string | null;
  readonly traceId: string | null;
}

export interface Gathered {
  readonly snapshot: LoopRunSnapshot;
  readonly fold: FoldFileResult<LoopEventsState>;
  readonly notes: readonly string[];
  commit(): Promise<void>;
}

/** Metadata of the events log from the fold: what was read, plus the torn tail, never a second pass. */
const eventsStat = async (file: string, fold: FoldFileResult<LoopEventsState>): Promise<MarkerStat> => {
  const st = await fsp.stat(file);
  const hasher = Sha256Hasher.from(fold.digest ?? undefined);
  const tail = fold.end.tornTail;
  if (tail !== null) hasher.update(await readRange(file, tail.byteOffset, tail.byteOffset + tail.bytes));
  return {
    exists: true,
    sizeBytes: fold.cursor.byteOffset + (tail?.bytes ?? 0),
    lineCount: fold.cursor.lines,
    sha256: hasher.digest(),
    mtimeEpoch: Math.floor(st.mtimeMs / 1000),
  };
};

const eventsCheckpoint = (p: LoopPaths): string =>
  join(p.opsfoldDir, 'checkpoints', `${loopEventsProjection.name}.json`);

const docOf = async (path: string): Promise<unknown> => {
  const doc = await readJsonDoc(path, `invalid JSON in ${path}`);
  return doc.found ? doc.value : null;
};

const foldEvents = (p: LoopPaths, o: GatherOptions): Promise<FoldFileResult<LoopEventsState>> =>
  foldFile(p.events, loopEventsProjection, {
    checkpointPath: eventsCheckpoint(p),
    fromStart: o.fromStart,
    decode: decodeLoopEventLine,
    skipCorrupt: o.skipCorrupt,
    digest: true,
  }).catch(explainFoldError);

/** Reads and folds a loop's artifacts into its snapshot envelope. */
export const gatherSnapshot = async (p: LoopPaths, o: GatherOptions): Promise<Gathered> => {
  requireEvents(p);
  const fold = await foldEvents(p, o);
  const quarantined = await quarantine(p.opsfoldDir, p.events, fold.corrupt, o.asOf);
  const notes = gatherNotes({
    events: p.events,
    foldNotes: fold.notes,
    corruptLines: fold.corrupt.length,
    quarantined,
    tornTail: fold.end.tornTail,
  });
  const docs = snapshotDocs({
    runSummary: await docOf(p.runSummary),
    state: await docOf(p.state),
    activeRun: await docOf(p.activeRun),
    approval: await docOf(p.approval),
    heartbeat: await docOf(p.heartbeat),
  });
  const ref = (path: string, stat: MarkerStat) => ({ path: displayPath(p.repo, path), ...stat });
  const refs: LoopArtifacts<MarkerStat & { path: string }> = {
    events: ref(p.events, await eventsStat(p.events, fold)),
    runSummary: ref(p.runSummary, await statMarker(p.runSummary)),
    state: ref(p.state, await statMarker(p.state)),
    activeRun: ref(p.activeRun, await statMarker(p.activeRun)),
    approval: ref(p.approval, await statMarker(p.approval)),
    heartbeat: ref(p.heartbeat, await statMarker(p.heartbeat)),
  };
  const snapshot = buildSnapshot({
    repoPath: p.repo,
    loopId: p.loopId,
    emittedAt: o.asOf,
    runId: o.runId,
    traceId: o.traceId,
    docs,
    lastEvent: fold.state.last,
    eventLineCount: fold.cursor.lines,
    refs,
  });
  const commit = () => saveFoldCheckpoint(eventsCheckpoint(p), p.events, loopEventsProjection, fold);
  return { snapshot, fold, notes, commit };
};
