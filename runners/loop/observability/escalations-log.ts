// The escalations log on node (lib/loop/escalations-log.ts): a log that resolves outside the repo is
// refused with exit 1.
import { nodeEdge } from '../../../lib/io/node-edge.js';
import { escalateOver, type EscalationRun } from '../../../lib/loop/escalations-log.js';
import { CliError } from '../../cli/errors.js';

export type { EscalationRun };

export interface EscalationOutcome {
  readonly appended: readonly Record<string, unknown>[];
  readonly notes: readonly string[];
}

/** Plans and appends the escalation records for `run`; returns what was appended. */
export const escalate = async (run: EscalationRun): Promise<EscalationOutcome> => {
  const out = await escalateOver(nodeEdge(), run);
  if (out.kind === 'outside')
    throw new CliError(`artifact resolves outside the repo: ${run.file}`, [out.reason]);
  return out;
};
