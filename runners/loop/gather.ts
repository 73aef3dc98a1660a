// A loop's snapshot read off disk (lib/loop/snapshot-gather.ts): the events log folded from its
// checkpoint (only the appended bytes are read; its sha256 is resumed, not recomputed), the small JSON
// artifacts, and their metadata.
import { fsp } from '../../lib/io/direct-fs.js';
import { join } from 'node:path';
import { Sha256Hasher } from '../../lib/core/sha256.js';
import {
  foldFile,
  saveFoldCheckpoint,
  type FoldFileOptions,
  type FoldFileResult,
} from '../../lib/io/fold-file.js';
import type { RawEvent } from '../../lib/loop/event-fields.js';
import { statMarker, type MarkerStat } from '../../lib/io/markers.js';
import { readRange } from '../../lib/io/byte-range.js';
import { loopEventsProjection, type LoopEventsState } from '../../lib/loop/events-projection.js';
import { decodeLoopEventLine } from '../../lib/loop/event-guard.js';
import { gatherSnapshotOver, type GatherOptions, type Gathered } from '../../lib/loop/snapshot-gather.js';
import { loopRoots, readArtifactDoc } from '../cli/artifacts.js';
import { explainFoldError } from './fold-errors.js';
import { quarantine } from './quarantine.js';
import type { LoopPaths } from '../cli/loop-paths.js';
import { requireEvents } from './require-events.js';

export type { GatherOptions, Gathered };

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

/** A loop document off disk (null when absent); the stream fetch reads them the same way. */
export const docOf = async (p: LoopPaths, path: string): Promise<unknown> => {
  const doc = await readArtifactDoc(loopRoots(p), path, `invalid JSON in ${path}`);
  return doc.found ? doc.value : null;
};

/** A second fold that rides on the snapshot's read of the events log (reconcile's poll), up to `until`. */
export interface Rider {
  readonly until: number;
  readonly tap: NonNullable<FoldFileOptions<RawEvent>['tap']>;
}

const foldEvents = (
  p: LoopPaths,
  o: GatherOptions,
  rider: Rider | null,
): Promise<FoldFileResult<LoopEventsState>> =>
  foldFile(p.events, loopEventsProjection, {
    checkpointPath: eventsCheckpoint(p),
    fromStart: o.fromStart,
    decode: decodeLoopEventLine,
    skipCorrupt: o.skipCorrupt,
    digest: true,
    ...(rider === null ? {} : { until: rider.until, tap: rider.tap }),
  }).catch(explainFoldError);

/** Reads and folds a loop's artifacts into its snapshot envelope (feeding `rider` the events' batches). */
export const gatherSnapshot = (
  p: LoopPaths,
  o: GatherOptions,
  rider: Rider | null = null,
): Promise<Gathered> =>
  gatherSnapshotOver(
    {
      requireEvents: () => requireEvents(p),
      foldEvents: (opts) => foldEvents(p, opts, rider),
      quarantine: (items, asOf) => quarantine(p.opsfoldDir, p.events, items, asOf),
      readDoc: (path) => docOf(p, path),
      stat: statMarker,
      eventsStat: (fold) => eventsStat(p.events, fold),
      saveCheckpoint: (fold) => saveFoldCheckpoint(eventsCheckpoint(p), p.events, loopEventsProjection, fold),
    },
    p,
    o,
  );
