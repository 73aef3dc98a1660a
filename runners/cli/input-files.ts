// A file the operator names as an input must be there: a missing --state-file is a typo or a wrong
// path, and answering as if the document were absent ("healthy") would hide it. Defaulted paths are
// not checked here: each command decides what a missing default means.
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Command, Values } from './command.js';
import { CliError } from './errors.js';

/** Refuses (exit 1) the first input-file flag given whose file does not exist. `-` is stdin. */
export const checkInputFiles = (c: Command, values: Values, cwd: string): void => {
  for (const [name, f] of Object.entries(c.flags)) {
    const given = values[name];
    if (f.input !== true || typeof given !== 'string' || given === '' || given === '-') continue;
    const abs = resolve(cwd, given);
    if (!existsSync(abs))
      throw new CliError(`input file not found: ${given}`, [`--${name} ${given} (${abs}) does not exist`]);
  }
};
