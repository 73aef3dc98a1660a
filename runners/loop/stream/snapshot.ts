// A loop's snapshot with its events folded from JetStream (`--source nats://…`) instead of events.jsonl:
// the fold resumes from its checkpoint in the KV bucket, the documents beside the log are read off disk
// as for the file. The stream cannot reproduce the events file's bytes or mtime, so the snapshot's
// `artifacts.events` has `sha256` and `mtimeEpoch` null (as for an absent file) and its size and line
// count are the shipped lines' positions, equal to the file's (README "JetStream").
import { statMarker } from '../../../lib/io/markers.js';
import { foldSource } from '../../../lib/io/fold-source.js';
import type { FoldFileResult } from '../../../lib/io/fold-file.js';
import { eventsReplicas, type JetStreamConn } from '../../../lib/io/nats/connect.js';
import type { CheckpointStore } from '../../../lib/io/checkpoint-store.js';
import { kvCheckpointStore } from '../../../lib/io/nats/checkpoint-store.js';
import { EVENTS_STREAM, subjectOf, type LoopAddress } from '../../../lib/io/nats/names.js';
import { jetStreamSource } from '../../../lib/io/nats/source.js';
import type { Checkpoint } from '../../../lib/core/position.js';
import { loopEventsProjection, type LoopEventsState } from '../../../lib/loop/events-projection.js';
import { decodeLoopEventLine } from '../../../lib/loop/event-guard.js';
import { gatherSnapshotOver, type GatherOptions, type Gathered } from '../../../lib/loop/snapshot-gather.js';
import { CliError } from '../../cli/errors.js';
import type { LoopPaths } from '../../cli/loop-paths.js';
import { docOf } from '../gather.js';
import { explainFoldError } from '../fold-errors.js';
import { quarantine } from '../quarantine.js';

/** Where a loop's events are read from when they come from the stream. */
export interface StreamAt {
  readonly conn: JetStreamConn;
  readonly at: LoopAddress;
}

const KEY = loopEventsProjection.name;

interface Saved {
  checkpoints: CheckpointStore | null;
  checkpoint: Checkpoint<LoopEventsState> | null;
}

// The bucket is created (on first use) with the events stream's replicas, so a cluster keeps both.
const storeOf = async (s: StreamAt, saved: Saved): Promise<CheckpointStore> =>
  (saved.checkpoints ??= kvCheckpointStore(s.conn, s.at, await eventsReplicas(s.conn)));

// A loop never shipped fails as a missing events.jsonl does, rather than reading as an empty loop.
const requireShipped = async (s: StreamAt, name: string): Promise<void> => {
  const last = await s.conn.jsm.streams
    .getMessage(EVENTS_STREAM, { last_by_subj: subjectOf(s.at) })
    .catch(() => null);
  if (last === null)
    throw new CliError(`no events shipped to ${name}`, [
      `ship the loop first: opsfold ship --repo <path> --loop ${s.at.loop} --fleet ${s.at.fleet} --nats <url>`,
    ]);
};

const foldStream = async (
  s: StreamAt,
  o: GatherOptions,
  saved: Saved,
): Promise<FoldFileResult<LoopEventsState>> => {
  const source = jetStreamSource(s.conn, s.at, {
    projection: KEY,
    decode: decodeLoopEventLine,
    skipCorrupt: o.skipCorrupt,
  });
  const checkpoints = await storeOf(s, saved);
  const r = await foldSource(
    source,
    loopEventsProjection,
    { checkpoints, key: KEY },
    { fromStart: o.fromStart },
  );
  if (r.kind !== 'folded')
    throw new CliError(`source ${r.kind} under its checkpoint: ${source.name}`, [
      r.detail,
      'rerun with --from-start',
    ]);
  if (r.end.cursor.byteOffset === 0) await requireShipped(s, source.name);
  saved.checkpoint = r.checkpoint.checkpoint as Checkpoint<LoopEventsState>;
  const { state, end, corrupt, resumedFrom, notes } = r;
  return { state, cursor: end.cursor, end, corrupt, digest: null, resumedFrom, notes };
};

/** Reads the loop's documents off disk and folds its events from the stream into its snapshot. */
export const gatherStreamSnapshot = (p: LoopPaths, s: StreamAt, o: GatherOptions): Promise<Gathered> => {
  const saved: Saved = { checkpoints: null, checkpoint: null };
  return gatherSnapshotOver(
    {
      requireEvents: () => undefined,
      foldEvents: (opts) => foldStream(s, opts, saved).catch(explainFoldError),
      quarantine: (items, asOf) => quarantine(p.opsfoldDir, p.events, items, asOf),
      readDoc: (path) => docOf(p, path),
      stat: statMarker,
      eventsStat: (fold) =>
        Promise.resolve({
          exists: true,
          sizeBytes: fold.cursor.byteOffset,
          lineCount: fold.cursor.lines,
          sha256: null,
          mtimeEpoch: null,
        }),
      saveCheckpoint: async () => {
        if (saved.checkpoint !== null) await (await storeOf(s, saved)).save(KEY, saved.checkpoint);
      },
    },
    p,
    o,
  );
};
