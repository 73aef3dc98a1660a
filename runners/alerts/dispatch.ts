// Alert dispatch from the command line: the pass is lib/alerts/dispatch over the node edge; a pass
// that cannot run becomes the command's `error:` line (exit 1, or 64 for a bad loop id).
import { dispatchAlerts as dispatchOn, runDispatch as runOn } from '../../lib/alerts/dispatch.js';
import { DispatchError } from '../../lib/alerts/dispatch-error.js';
import type { DispatchOptions as PassOptions, DispatchResult } from '../../lib/alerts/dispatch-options.js';
import type { WriteSeam } from '../../lib/io/fs-seam.js';
import { nodeEdge } from '../../lib/io/node-edge.js';
import { CliError, EXIT } from '../cli/errors.js';

export interface DispatchOptions extends PassOptions {
  /** Where every append and the state write go through (fault tests cut it). */
  readonly seam?: WriteSeam;
}

/** One dispatch pass; throws CliError (or a lock/write error) when the pass itself cannot run. */
export const runDispatch = async (o: DispatchOptions): Promise<DispatchResult> => {
  try {
    return await runOn(nodeEdge({ seam: o.seam }), o);
  } catch (err) {
    if (!(err instanceof DispatchError)) throw err;
    throw new CliError(err.errorLine, err.details, err.usage ? EXIT.usage : EXIT.error);
  }
};

/** The pass as reconcile runs it: never throws (see lib/alerts/dispatch). */
export const dispatchAlerts = (o: DispatchOptions) => dispatchOn(nodeEdge({ seam: o.seam }), o);
