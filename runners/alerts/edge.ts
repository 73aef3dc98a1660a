// Where alert dispatch reads, writes and appends. A path under the repo goes through a Store confined
// to the repo, one under the state dir through a Store confined to that, so a symlink planted there
// cannot make opsfold read or append a file elsewhere. A path the operator named outside both is
// theirs to choose: it is used as named (FIFOs and devices are still refused on read).
import { parse, resolve } from 'node:path';
import type * as t from 'io-ts';
import { confine, isWithin } from '../../lib/io/confine.js';
import { describeProblem } from '../../lib/io/document.js';
import type { WriteSeam } from '../../lib/io/fs-seam.js';
import { fileStore, type Store } from '../../lib/io/store.js';
import { CliError } from '../cli/errors.js';
import type { AlertPaths, Place } from './paths.js';

export interface AlertEdge {
  /** The Store whose root holds `abs`. */
  storeOf(abs: string): Store;
  /** Reads and decodes a document; null when missing; CliError(errorLine, [file:line:byte ...]) else. */
  read<A>(place: Place, codec: t.Type<A, unknown, unknown>, errorLine: string): Promise<A | null>;
  /** Throws unless `place` really is where its root says (no symlink out of the repo). */
  confined(place: Place): Promise<void>;
}

export const alertEdge = (p: AlertPaths, seam?: WriteSeam): AlertEdge => {
  // The state dir first: it is usually inside the repo, and may be a link to elsewhere on purpose.
  const roots = [p.stateRoot, p.repo].map((root) => fileStore(root, { seam }));
  const storeOf = (abs: string): Store =>
    roots.find((s) => isWithin(resolve(s.root), resolve(abs))) ??
    fileStore(parse(resolve(abs)).root, { seam });
  return {
    storeOf,
    async read(place, codec, errorLine) {
      const got = await storeOf(place.abs).read(place.abs, codec);
      if (got.kind === 'missing') return null;
      if (got.kind === 'found') return got.value;
      const { problem } = got;
      // An I/O failure keeps node's own message (errno and syscall), as it always has.
      const detail =
        problem.kind === 'unreadable'
          ? `${place.shown}: ${problem.reason}`
          : describeProblem(place.shown, problem);
      throw new CliError(errorLine, [detail]);
    },
    async confined(place) {
      const where = await confine(storeOf(place.abs).root, place.abs);
      if (!where.ok) throw new CliError(`artifact resolves outside the repo: ${place.shown}`, [where.reason]);
    },
  };
};
