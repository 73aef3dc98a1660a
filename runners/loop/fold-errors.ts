// Turns the kernel's fold errors into the command line's `error:` lines and exit codes.
import { CorruptLineError, SourceChangedError } from '../../lib/io/jsonl-errors.js';
import { LockConflict } from '../../lib/io/lock.js';
import { CliError, EXIT } from '../cli/errors.js';

/** The log no longer extends its checkpoint (rotated or truncated): a re-fold from the start answers. */
export class SourceChangedCliError extends CliError {}

/** Rethrows `err` as a CliError when it is one the operator can act on. */
export const explainFoldError = (err: unknown): never => {
  if (err instanceof CorruptLineError) {
    // Text that is not UTF-8 is not JSON text either (RFC 8259): the same headline as a parse failure.
    const what = /^invalid (JSON|UTF-8)/.test(err.reason) ? 'invalid JSON event' : 'invalid event';
    throw new CliError(`${what} at line ${err.line} in ${err.file}`, [
      `${err.file}:${err.line}:${err.byteOffset}: ${err.reason}`,
      'rerun with --skip-corrupt to quarantine the line (kept under .opsfold/) and move on',
    ]);
  }
  if (err instanceof SourceChangedError) {
    throw new SourceChangedCliError(`source ${err.kind} under its checkpoint: ${err.file}`, [
      err.message,
      'rerun with --from-start',
    ]);
  }
  if (err instanceof LockConflict) throw new CliError(err.message, [], EXIT.lock);
  throw err;
};
