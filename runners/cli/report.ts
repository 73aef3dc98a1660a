// Every failure a command can end with, turned into an `error:` line, detail lines and its documented
// exit code. No stack traces for input problems; an unexpected failure still names itself and exits 1.
import type { Io } from './command.js';
import { CliError, EXIT } from './errors.js';
import { AtomicWriteError } from '../../lib/io/atomic.js';
import { ConfinementError } from '../../lib/io/confine.js';
import { AppendError } from '../../lib/io/append.js';
import { LockCompromised, LockConflict } from '../../lib/io/lock.js';
import { StepError } from '../../lib/core/step-error.js';

const exitOf = (err: CliError | StepError): number =>
  err instanceof CliError ? err.code : err.usage ? EXIT.usage : EXIT.error;

/** Writes the failure's lines to stderr; returns its exit code. */
export const report = (io: Io, err: unknown): number => {
  if (err instanceof CliError || err instanceof StepError) {
    io.stderr.write(`error: ${err.errorLine}\n${err.details.map((d) => `  ${d}\n`).join('')}`);
    return exitOf(err);
  }
  if (err instanceof LockConflict) {
    io.stderr.write(`error: ${err.message}\n  another opsfold run holds it; retry when it is done\n`);
    return EXIT.lock;
  }
  // A run that lost its lock stopped writing at the fence; like a conflict, retrying is the way on.
  if (err instanceof LockCompromised) {
    io.stderr.write(`error: ${err.message}\n`);
    return EXIT.lock;
  }
  if (err instanceof AtomicWriteError || err instanceof AppendError || err instanceof ConfinementError) {
    io.stderr.write(`error: ${err.message}\n`);
    return EXIT.error;
  }
  return reportUnexplained(io, err);
};

/** Errors no step explained: a node system error on one line, anything else with a few frames. */
const reportUnexplained = (io: Io, err: unknown): number => {
  const e = err as NodeJS.ErrnoException;
  // A node system error (ENOTDIR, EISDIR, EACCES …) says what and where in its message; frames of
  // opsfold's internals add nothing for an operator.
  if (typeof e?.syscall === 'string' && typeof e.code === 'string') {
    const where = e.path !== undefined && !e.message.includes(e.path) ? ` (${e.path})` : '';
    io.stderr.write(`error: ${e.message}${where}\n`);
    return EXIT.error;
  }
  io.stderr.write(
    `error: ${e?.message ?? String(err)}\n${e?.stack ? `  ${e.stack.split('\n').slice(1, 4).join('\n  ')}\n` : ''}`,
  );
  return EXIT.error;
};
