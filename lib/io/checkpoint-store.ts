// Where projection checkpoints are kept, behind an interface: files under the state dir today
// (lib/io/checkpoints.ts: stable JSON, stateSha256, refused when unreadable), another engine's
// key-value store later. A checkpoint is named by a key such as `events.loop-state.json`.
import type { Checkpoint } from '../core/position.js';
import { loadCheckpoint, saveCheckpoint, type LoadedCheckpoint } from './checkpoints.js';
import { confine, ConfinementError } from './confine.js';

/** The projection a checkpoint belongs to; another name or version is not resumed. */
export interface CheckpointOwner {
  readonly name: string;
  readonly version: number;
}

/** Load and save projection checkpoints by key. */
export interface CheckpointStore {
  /**
   * The checkpoint saved under `key` for `owner`, or none: missing is silent, while an unreadable
   * one, another owner's or another version's comes back as none with a note saying why.
   */
  load<S>(key: string, owner: CheckpointOwner): Promise<LoadedCheckpoint<S>>;
  /** Saves `checkpoint` under `key`, replacing the previous one atomically. */
  save(key: string, checkpoint: Checkpoint<unknown>): Promise<void>;
}

/** Checkpoints as files under `dir` (the state dir); a key resolving outside `dir` is refused. */
export const fileCheckpointStore = (dir: string): CheckpointStore => ({
  async load<S>(key: string, owner: CheckpointOwner) {
    const c = await confine(dir, key);
    if (!c.ok)
      return { checkpoint: null, note: `checkpoint ${c.path} refused (${c.reason}); folding from the start` };
    return loadCheckpoint<S>(c.path, owner.name, owner.version);
  },
  async save(key, checkpoint) {
    const c = await confine(dir, key);
    if (!c.ok) throw new ConfinementError(c.path, c.reason);
    await saveCheckpoint(c.path, checkpoint);
  },
});

/** Checkpoints in memory (tests, or an engine that keeps state elsewhere); same owner rule as files. */
export const memoryCheckpointStore = (): CheckpointStore & {
  readonly saved: Map<string, Checkpoint<unknown>>;
} => {
  const saved = new Map<string, Checkpoint<unknown>>();
  return {
    saved,
    load: async <S>(key: string, owner: CheckpointOwner) => {
      const cp = saved.get(key);
      if (cp === undefined) return { checkpoint: null, note: null };
      if (cp.projection !== owner.name || cp.version !== owner.version)
        return {
          checkpoint: null,
          note: `checkpoint ${key} is for ${cp.projection}@${cp.version}; folding from the start`,
        };
      return { checkpoint: cp as Checkpoint<S>, note: null };
    },
    save: async (key, checkpoint) => {
      saved.set(key, checkpoint);
    },
  };
};
