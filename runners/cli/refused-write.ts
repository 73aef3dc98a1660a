// A write the Store refused (its path resolves outside the root, or is not a regular file), as the
// one `error:` line and detail every command prints for it.
import { ConfinementError } from '../../lib/io/confine.js';
import { CliError } from './errors.js';

export const refusedWrite = (err: ConfinementError): CliError =>
  new CliError(`cannot write ${err.file}`, [`refused: ${err.reason}`]);

/** Runs a write; a refusal by its Store becomes the `error:` above (other failures pass through). */
export const refusedAs = async (write: () => Promise<unknown>): Promise<void> => {
  try {
    await write();
  } catch (err) {
    throw err instanceof ConfinementError ? refusedWrite(err) : err;
  }
};
