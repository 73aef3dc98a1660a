// Projection checkpoints in a JetStream KV bucket (CHECKPOINT_BUCKET), one key per (loop, checkpoint
// key): the CheckpointStore of folds from the stream. A value that does not parse, or is another
// projection's or version's, is answered as none with a note, as the file store does.
import type { KV } from '@nats-io/kv';
import type { Checkpoint } from '../../core/position.js';
import { stableJson } from '../../core/stable-json.js';
import type { CheckpointOwner, CheckpointStore } from '../checkpoint-store.js';
import type { LoadedCheckpoint } from '../checkpoints.js';
import type { JetStreamConn } from './connect.js';
import { CHECKPOINT_BUCKET, checkpointKeyOf, type LoopAddress } from './names.js';

const isCheckpoint = (v: unknown): v is Checkpoint<unknown> =>
  typeof v === 'object' &&
  v !== null &&
  typeof (v as Checkpoint<unknown>).projection === 'string' &&
  typeof (v as Checkpoint<unknown>).version === 'number' &&
  typeof (v as Checkpoint<unknown>).cursor === 'object' &&
  typeof (v as Checkpoint<unknown>).source === 'object';

const parse = (text: string): unknown => {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return null;
  }
};

/** Checkpoints of the loop at `at` in the KV bucket (created on first use, with `replicas`). */
export const kvCheckpointStore = (conn: JetStreamConn, at: LoopAddress, replicas = 1): CheckpointStore => {
  let bucket: Promise<KV> | null = null;
  // The client is imported on first use (see connect.ts).
  const kv = (): Promise<KV> =>
    (bucket ??= import('@nats-io/kv').then(({ Kvm }) =>
      new Kvm(conn.nc).create(CHECKPOINT_BUCKET, { replicas }),
    ));
  return {
    async load<S>(key: string, owner: CheckpointOwner): Promise<LoadedCheckpoint<S>> {
      const name = checkpointKeyOf(at, key);
      const entry = await (await kv()).get(name);
      if (entry === null || entry.operation !== 'PUT') return { checkpoint: null, note: null };
      const cp = parse(entry.string());
      if (!isCheckpoint(cp))
        return {
          checkpoint: null,
          note: `checkpoint ${CHECKPOINT_BUCKET}/${name} is unreadable; folding from the start`,
        };
      if (cp.projection !== owner.name || cp.version !== owner.version)
        return {
          checkpoint: null,
          note: `checkpoint ${CHECKPOINT_BUCKET}/${name} is for ${cp.projection}@${cp.version}; folding from the start`,
        };
      return { checkpoint: cp as Checkpoint<S>, note: null };
    },
    async save(key, checkpoint) {
      await (await kv()).put(checkpointKeyOf(at, key), stableJson(checkpoint, false));
    },
  };
};
