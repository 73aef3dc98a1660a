// Why a dispatch pass itself could not run (not a failed delivery: those are results). The runner
// turns it into its `error:` line and details; reconcile records it as `alert_dispatch_failed`.
export class DispatchError extends Error {
  constructor(
    readonly errorLine: string,
    readonly details: readonly string[] = [],
    /** A usage problem (exit 64 from the command) rather than a failed pass. */
    readonly usage = false,
  ) {
    super(errorLine);
    this.name = 'DispatchError';
  }
}

const hasLines = (err: unknown): err is { errorLine: string; details: readonly string[] } =>
  err instanceof Error &&
  typeof (err as { errorLine?: unknown }).errorLine === 'string' &&
  Array.isArray((err as { details?: unknown }).details);

/** The failure as the command would print it: `error: <line>` and its details. */
export const failureMessage = (err: unknown): string =>
  hasLines(err)
    ? [`error: ${err.errorLine}`, ...err.details].join('\n')
    : `error: ${err instanceof Error ? err.message : String(err)}`;
