// How a command fails: the first stderr line is the `error:` line (verbatim where a reference pins
// one), opsfold's own detail follows on lines that do not start with `error:`, and the exit code is
// one of the documented ones.
export const EXIT = { ok: 0, error: 1, gate: 2, usage: 64, lock: 75 } as const;
export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

export class CliError extends Error {
  constructor(
    readonly errorLine: string,
    readonly details: readonly string[] = [],
    readonly code: ExitCode = EXIT.error,
  ) {
    super(errorLine);
    this.name = 'CliError';
  }
}

export const usageError = (message: string, ...details: string[]): CliError =>
  new CliError(message, details, EXIT.usage);
