// Why a fleet step could not decide (a document that must exist is missing, one that must parse does
// not): the runner prints it as its `error:` line and details, exit 1.
export class FleetError extends Error {
  constructor(
    readonly errorLine: string,
    readonly details: readonly string[] = [],
  ) {
    super(errorLine);
    this.name = 'FleetError';
  }
}
