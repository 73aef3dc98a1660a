// Why a runbook step could not go on (an unreadable config, a dirty tree, a failing git): the runner
// prints it as its `error:` line and details, exit 1 (64 when it is a usage problem).
export class RunbookError extends Error {
  constructor(
    readonly errorLine: string,
    readonly details: readonly string[] = [],
    readonly usage = false,
  ) {
    super(errorLine);
    this.name = 'RunbookError';
  }
}
