// Why a domain step in lib could not go on (a document that must exist is missing, a dirty work tree):
// the CLI prints it the way it prints its own usage and input errors, `error: <errorLine>` then the
// details, and exits 1 (64 when `usage`). Each domain names its own subclass.
export class StepError extends Error {
  constructor(
    readonly errorLine: string,
    readonly details: readonly string[] = [],
    /** A usage problem (exit 64) rather than a failed step. */
    readonly usage = false,
  ) {
    super(errorLine);
    this.name = 'StepError';
  }
}
