// A small file of a TOS root read as bytes (the checkpoint hash, the closeout documents), confined to the
// root and refused when it is not a regular file (a FIFO would block the read forever).
import { promises as fsp } from 'node:fs';
import { confine } from '../../lib/io/confine.js';
import { CliError } from '../cli/errors.js';

/** The bytes of `file` (absolute, under `root`), null when it is missing; `shown` names it in errors. */
export const readRootBytes = async (root: string, file: string, shown: string): Promise<Buffer | null> => {
  const c = await confine(root, file);
  if (!c.ok) throw new CliError(`cannot read ${shown}`, [`refused: ${c.reason}`]);
  const st = await fsp.stat(c.real).catch(() => null);
  if (st !== null && !st.isFile())
    throw new CliError(`cannot read ${shown}`, ['refused: not a regular file']);
  return fsp.readFile(c.real).catch((err: NodeJS.ErrnoException) => {
    if (err.code === 'ENOENT') return null;
    throw new CliError(`cannot read ${shown}`, [err.message]);
  });
};
