// The fleet's edge: documents under the repo are read and written through a Store confined to the
// repo (a symlink out of it, a FIFO or a device is refused); a file the operator named by flag is
// read as named (readDocument: not confined, still no FIFO). Effects are applied in the crash-safe
// order, each through the Store its path belongs to.
import { parse } from 'node:path';
import type * as t from 'io-ts';
import { fileCheckpointStore } from '../../lib/io/checkpoint-store.js';
import { applyEffects, orderEffects, type Effect } from '../../lib/io/effects.js';
import { fileStore, readDocument, type Store } from '../../lib/io/store.js';
import { refusedAs } from '../cli/refused-write.js';

/** The repo, the paths the operator named by flag, and (for checkpoints) opsfold's fleet state dir. */
export interface EdgeRoots {
  readonly repo: string;
  readonly named: ReadonlySet<string>;
  readonly opsfoldDir?: string;
}

/** The Store a fleet path is written through: the repo's, or (named by flag) the file system's. */
const storeFor = (p: EdgeRoots, file: string): Store =>
  fileStore(p.named.has(file) ? parse(file).root : p.repo);

/** Reads `file` with `codec`: confined to the repo unless the operator named it. */
export const readFleetDoc = <A>(p: EdgeRoots, file: string, codec: t.Type<A, unknown, unknown>) =>
  p.named.has(file) ? readDocument(file, codec) : fileStore(p.repo).read(file, codec);

/** Applies `effects` (appends, writes, then checkpoints); a path refused by its Store is `error:`. */
export const applyFleetEffects = async (p: EdgeRoots, effects: readonly Effect[]): Promise<void> => {
  const checkpoints = p.opsfoldDir === undefined ? undefined : fileCheckpointStore(p.opsfoldDir);
  for (const effect of orderEffects(effects)) {
    const store = 'path' in effect ? storeFor(p, effect.path) : fileStore(p.repo);
    await refusedAs(() => applyEffects({ store, checkpoints }, [effect]));
  }
};
