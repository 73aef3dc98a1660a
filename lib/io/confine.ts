// Confinement of artifact paths to a root (the repo or the state dir). A path is inside when its real
// location is: the realpath of the file when it exists (so a symlink pointing out is refused), else the
// realpath of its nearest existing parent plus the rest (so a symlinked directory pointing out is
// refused before anything is created under it). Symlinks that stay inside the root are followed.
import { fsp } from './direct-fs.js';
import { isAbsolute, join, relative, resolve, sep } from 'node:path';

/** Where a path really is, or why it may not be used. */
export type Confined =
  | { readonly ok: true; readonly path: string; readonly real: string }
  | { readonly ok: false; readonly path: string; readonly reason: string };

/** Pure: is `real` equal to `root` or below it? Both must be absolute and real. */
export const isWithin = (root: string, real: string): boolean => {
  const rel = relative(root, real);
  return rel === '' || (!rel.startsWith(`..${sep}`) && rel !== '..' && !isAbsolute(rel));
};

const realOrNull = (path: string): Promise<string | null> => fsp.realpath(path).catch(() => null);

/** The realpath of `path`, resolving only its nearest existing ancestor when it does not exist. */
const realLocation = async (path: string): Promise<string | null> => {
  const rest: string[] = [];
  let at = path;
  for (;;) {
    const real = await realOrNull(at);
    if (real !== null) return rest.length === 0 ? real : join(real, ...rest.reverse());
    // Something is there after all: either a file another writer created since the realpath (look
    // once more), or a dangling symlink, which points nowhere and is refused.
    const link = await fsp.lstat(at).catch(() => null);
    if (link !== null) {
      const again = await realOrNull(at);
      return again === null ? null : rest.length === 0 ? again : join(again, ...rest.reverse());
    }
    const parent = resolve(at, '..');
    if (parent === at) return null;
    rest.push(at.slice(parent.length).replace(/^[\\/]/, ''));
    at = parent;
  }
};

/**
 * Resolves `path` (relative to `root`, or absolute) and checks that its real location is under the
 * real `root`. Reads the file system (realpath, lstat); never creates or opens anything.
 */
export const confine = async (root: string, path: string): Promise<Confined> => {
  const abs = resolve(root, path);
  // A root not created yet (a state dir on the first run) is where it would be created.
  const realRoot = await realLocation(resolve(root));
  if (realRoot === null) return { ok: false, path: abs, reason: `root ${root} is a dangling symlink` };
  const real = await realLocation(abs);
  if (real === null) return { ok: false, path: abs, reason: 'a dangling symlink is not an artifact' };
  if (!isWithin(realRoot, real))
    return { ok: false, path: abs, reason: `resolves to ${real}, outside ${realRoot}` };
  return { ok: true, path: abs, real };
};

/**
 * Why a log may not be read: its real location is outside `root` (a symlink out of the repo), or it is
 * not a regular file (opening a FIFO would block the reader); null when it may be read or is missing.
 */
export const readRefusal = async (root: string, file: string): Promise<string | null> => {
  const c = await confine(root, file);
  if (!c.ok) return c.reason;
  const st = await fsp.stat(c.real).catch(() => null);
  if (st === null || st.isFile()) return null;
  return st.isFIFO() ? 'a FIFO' : 'not a regular file';
};

/** Thrown by Store writes and appends (which have no result to carry it) for a path outside the root. */
export class ConfinementError extends Error {
  constructor(
    readonly file: string,
    readonly reason: string,
  ) {
    super(`${file}: refused: ${reason}`);
    this.name = 'ConfinementError';
  }
}
