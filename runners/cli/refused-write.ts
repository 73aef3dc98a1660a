// A write the Store refused (its path resolves outside the root, or is not a regular file), as the
// one `error:` line and detail every command prints for it.
import type { ConfinementError } from '../../lib/io/confine.js';
import { CliError } from './errors.js';

export const refusedWrite = (err: ConfinementError): CliError =>
  new CliError(`cannot write ${err.file}`, [`refused: ${err.reason}`]);
