// Where alert dispatch reads, writes and appends. A path under the repo goes through a Store confined
// to the repo, one under the state dir through a Store confined to that, so a symlink planted there
// cannot make opsfold read or append a file elsewhere. A path the operator named outside both is
// theirs to choose: it is used as named (FIFOs and devices are still refused on read).
import type * as t from 'io-ts';
import type { Edge } from '../io/node-edge.js';
import type { Store } from '../io/store.js';
import { DispatchError } from './dispatch-error.js';
import type { AlertPaths, Place } from './dispatch-paths.js';
import { problemDetail } from './doc-problem.js';

export interface AlertEdge {
  /** The Store whose root holds `abs`. */
  storeOf(abs: string): Store;
  /** One Store over the pass's files: each path goes through `storeOf(path)` (effects are applied here). */
  readonly store: Store;
  /** Reads and decodes a document; null when missing; DispatchError(errorLine, [file:line:byte ...]) else. */
  read<A>(place: Place, codec: t.Type<A, unknown, unknown>, errorLine: string): Promise<A | null>;
  /** Throws unless `place` really is where its root says (no symlink out of the repo). */
  confined(place: Place): Promise<void>;
}

export const alertEdge = (edge: Edge, p: AlertPaths): AlertEdge => {
  // The state dir first: it is usually inside the repo, and may be a link to elsewhere on purpose.
  const roots = [p.stateRoot, p.repo].map((root) => edge.store(root));
  const storeOf = (abs: string): Store =>
    roots.find((s) => edge.within(edge.resolve(s.root), edge.resolve(abs))) ?? edge.store(edge.rootOf(abs));
  const store: Store = {
    root: p.repo,
    read: (path, codec, options) => storeOf(path).read(path, codec, options),
    write: (path, value, options) => storeOf(path).write(path, value, options),
    writeText: (path, text) => storeOf(path).writeText(path, text),
    append: (path, records, options) => storeOf(path).append(path, records, options),
  };
  return {
    storeOf,
    store,
    async read(place, codec, errorLine) {
      const got = await storeOf(place.abs).read(place.abs, codec);
      if (got.kind === 'missing') return null;
      if (got.kind === 'found') return got.value;
      throw new DispatchError(errorLine, [problemDetail(place.shown, got.problem)]);
    },
    async confined(place) {
      const where = await edge.confine(storeOf(place.abs).root, place.abs);
      if (!where.ok)
        throw new DispatchError(`artifact resolves outside the repo: ${place.shown}`, [where.reason]);
    },
  };
};
