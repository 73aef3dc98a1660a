// The harness's use of the edge: documents read through the workspace Store (confined to --root) or,
// for a file the operator named, read where it is; both decoded by the artifact's codec. A read
// problem becomes the command's `invalid <what>: <file>` error with `file:line:byte` detail.
import type * as t from 'io-ts';
import { describeProblem } from '../../lib/io/document.js';
import { confine, ConfinementError } from '../../lib/io/confine.js';
import { readDocument, type DocRead, type Store } from '../../lib/io/store.js';
import { writeOnce, type WriteOnceResult } from '../../lib/io/write-once.js';
import { CliError } from '../cli/errors.js';

/** A read's value; missing → null; any problem → CliError naming the file. */
export const valueOrThrow = <A>(got: DocRead<A>, what: string, file: string): A | null => {
  if (got.kind === 'missing') return null;
  if (got.kind === 'found') return got.value;
  const { problem } = got;
  // An I/O failure keeps node's own message (errno and syscall), as it always has.
  const detail =
    problem.kind === 'unreadable' ? `${file}: ${problem.reason}` : describeProblem(file, problem);
  throw new CliError(`invalid ${what}: ${file}`, [detail]);
};

/** A workspace document (confined to the Store's root), decoded; absent → null. */
export const readDecoded = async <A>(
  store: Store,
  file: string,
  codec: t.Type<A, unknown, unknown>,
  what: string,
): Promise<A | null> => valueOrThrow(await store.read(file, codec), what, file);

/** A document the operator named on the command line (not confined), decoded; absent → null. */
export const readNamed = async <A>(
  file: string,
  codec: t.Type<A, unknown, unknown>,
  what: string,
): Promise<A | null> => valueOrThrow(await readDocument(file, codec), what, file);

/** A workspace document decoded leniently: anything but a decoded value is no evidence (null). */
export const readLenient = async <A>(
  store: Store,
  file: string,
  codec: t.Type<A, unknown, unknown>,
): Promise<A | null> => {
  const got = await store.read(file, codec);
  return got.kind === 'found' ? got.value : null;
};

/** Creates `file` under the Store's root unless it exists (never replaced); refuses a path out of it. */
export const createOnce = async (store: Store, file: string, data: string): Promise<WriteOnceResult> => {
  const c = await confine(store.root, file);
  if (!c.ok) throw new ConfinementError(c.path, c.reason);
  return writeOnce(c.real, data);
};
