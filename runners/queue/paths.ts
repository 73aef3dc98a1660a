// Where the queue's artifacts are, and the check every read, append and rewrite passes first. A path
// inside the working directory (the reference's defaults are relative to it: the repo it runs in) is
// confined to it; a path the operator names outside it is confined to its own directory. Either way a
// symlink (of the file or of a parent) that resolves elsewhere is refused, and so is a FIFO or a
// device, before anything is opened, locked or created.
import { promises as fsp } from 'node:fs';
import { dirname, posix, resolve } from 'node:path';
import type { Io, Values } from '../cli/command.js';
import { str } from '../cli/command.js';
import { CliError } from '../cli/errors.js';
import { confine, isWithin } from '../../lib/io/confine.js';
import { pyPath } from '../../lib/queue/config.js';

/** ops.py's --queue default (ORCH_QUEUE_MD is not read there). */
export const DEFAULT_QUEUE = 'automation/orchestrator/QUEUE.md';

/** A path as the operator wrote it (for messages), resolved against the current directory, and its root. */
export interface PathArg {
  readonly display: string;
  readonly file: string;
  readonly root: string;
}

export const pathArg = (io: Io, display: string): PathArg => {
  const cwd = resolve(io.cwd);
  const file = resolve(cwd, display);
  return { display, file, root: isWithin(cwd, file) ? cwd : dirname(file) };
};

/** A string flag, or undefined when absent or empty (argparse's `if args.x` treats "" as not given). */
export const given = (v: Values, name: string): string | undefined => {
  const x = str(v, name);
  return x === undefined || x === '' ? undefined : x;
};

/** Where the rows live: SQLite when --db is given (it wins over --queue, as in ops.py), else QUEUE.md. */
export type Backend =
  { readonly kind: 'sqlite'; readonly db: PathArg } | { readonly kind: 'markdown'; readonly queue: PathArg };

export const backendOf = (v: Values, io: Io): Backend => {
  const db = given(v, 'db');
  if (db !== undefined) return { kind: 'sqlite', db: pathArg(io, db) };
  return { kind: 'markdown', queue: pathArg(io, str(v, 'queue') ?? DEFAULT_QUEUE) };
};

/** Where a markdown mutation appends its audit line: --audit-log, else logs/queue-audit.jsonl beside QUEUE.md. */
export const auditOf = (v: Values, io: Io, queue: PathArg): PathArg =>
  pathArg(io, given(v, 'audit-log') ?? pyPath(posix.dirname(queue.display), 'logs', 'queue-audit.jsonl'));

const refused = (p: PathArg, reason: string): CliError =>
  new CliError(`${p.display}: refused: ${reason}`, [
    'the queue reads and writes only regular files under its root',
  ]);

const kindOf = (st: { isFIFO(): boolean; isSocket(): boolean }): string =>
  st.isFIFO() ? 'a FIFO' : st.isSocket() ? 'a socket' : 'not a regular file';

/**
 * Confines `p` to its root; resolves to the real file and whether it exists. A path outside the root,
 * or one that exists but is not a regular file (directories excepted: their own errors stay), is refused.
 */
export const confined = async (p: PathArg): Promise<{ readonly real: string; readonly exists: boolean }> => {
  const c = await confine(p.root, p.file);
  if (!c.ok) throw refused(p, c.reason);
  const st = await fsp.stat(c.real).catch(() => null);
  if (st !== null && !st.isFile() && !st.isDirectory()) throw refused(p, kindOf(st));
  return { real: c.real, exists: st !== null };
};
