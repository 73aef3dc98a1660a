// Shared pieces of the JetStream tests: a projection that keeps every record with its position (so a
// lost, repeated or misplaced line shows), folds from the file and from the stream, and the stream's
// message count of one subject.
import fs from 'node:fs';
import { join } from 'node:path';
import type { Projection } from '../../../core/projection.js';
import { memoryCheckpointStore, fileCheckpointStore, type CheckpointStore } from '../../checkpoint-store.js';
import { foldSource } from '../../fold-source.js';
import { fileSource } from '../../source.js';
import type { JetStreamConn } from '../connect.js';
import { kvCheckpointStore } from '../checkpoint-store.js';
import { EVENTS_STREAM, subjectOf, type LoopAddress } from '../names.js';
import { jetStreamSource } from '../source.js';

export type Seen = readonly (readonly [number, number, unknown])[];

/** Every record as [line, byteOffset, value], in order. */
export const seenProjection: Projection<Seen, unknown> = {
  name: 'seen',
  version: 1,
  initial: [],
  evolve: (s, e) => [...s, [e.position.line, e.position.byteOffset, e.value] as const],
};

/** The fold of the file from the start. */
export const foldFromFile = async (file: string): Promise<Seen> => {
  const r = await foldSource(fileSource(file, { skipCorrupt: true }), seenProjection, {
    checkpoints: memoryCheckpointStore(),
    key: 'seen',
  });
  if (r.kind !== 'folded') throw new Error(r.detail);
  return r.state;
};

/** One fold from the stream, resuming from the KV checkpoint, saving it after. */
export const foldFromStream = async (
  conn: JetStreamConn,
  at: LoopAddress,
  read: { readonly fetchSize: number; readonly save?: boolean; readonly checkpoints?: CheckpointStore },
): Promise<Seen> => {
  const checkpoints = read.checkpoints ?? kvCheckpointStore(conn, at);
  const source = jetStreamSource(conn, at, {
    projection: 'seen',
    skipCorrupt: true,
    fetchSize: read.fetchSize,
  });
  const r = await foldSource(source, seenProjection, { checkpoints, key: 'seen.json' });
  if (r.kind !== 'folded') throw new Error(r.detail);
  if (read.save !== false) await checkpoints.save(r.checkpoint.key, r.checkpoint.checkpoint);
  return r.state;
};

/** Messages of the loop's subject in the stream. */
export const messagesOf = async (conn: JetStreamConn, at: LoopAddress): Promise<number> => {
  const info = await conn.jsm.streams.info(EVENTS_STREAM, { subjects_filter: subjectOf(at) });
  return info.state.subjects?.[subjectOf(at)] ?? 0;
};

/** A ship cursor store under `dir/.opsfold`. */
export const shipCursors = (dir: string): CheckpointStore => {
  fs.mkdirSync(join(dir, '.opsfold'), { recursive: true });
  return fileCheckpointStore(join(dir, '.opsfold'));
};
