// Files the operator names on the command line (a task md, a prompt, an original): read where they are,
// as bytes, and hashed. Not workspace artifacts, so not confined to --root.
import { createHash } from 'node:crypto';
import { promises as fsp } from 'node:fs';
import { resolve } from 'node:path';
import { CliError } from '../cli/errors.js';

export const sha256 = (data: string | Buffer): string => createHash('sha256').update(data).digest('hex');

/** The bytes of `file` (relative to `cwd`); `cannot read <file>` with node's reason otherwise. */
export const readOperatorFile = (cwd: string, file: string): Promise<Buffer> =>
  fsp.readFile(resolve(cwd, file)).catch((err: Error) => {
    throw new CliError(`cannot read ${file}`, [err.message]);
  });
