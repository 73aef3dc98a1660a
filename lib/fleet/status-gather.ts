// What `fleet status` reads, through ports: the fleet state (which must exist), the policy and handoff
// states (absent is fine) each decoded once at the edge by its lenient view, and the last line of the
// reconcile and handoff telemetry. The port throws the runner's `error:` for a missing or unparsable
// document.
import type * as t from 'io-ts';
import type { FleetPaths } from './layout.js';
import { StatusHandoffView } from './status-handoff-views.js';
import { StatusFleetView, StatusPolicyView, statusLinesOf, type StatusDocs } from './status-views.js';

export interface StatusReads {
  /** The document decoded by `codec`; missing → `error: <missing>`, unparsable → `error: <invalid>`. */
  required<A>(
    file: string,
    codec: t.Type<A, unknown, unknown>,
    lines: { readonly missing: string; readonly invalid: string },
  ): Promise<A>;
  /** The document decoded by `codec`, or null when absent; unparsable → `error: <errorLine>`. */
  optional<A>(file: string, codec: t.Type<A, unknown, unknown>, errorLine: string): Promise<A | null>;
  /** The last complete line of a log as JSON, or null (missing, empty or unparsable). */
  lastLine(file: string): Promise<unknown>;
}

/** Reads and decodes the documents fleet status is folded from. */
export const gatherStatus = async (r: StatusReads, p: FleetPaths): Promise<StatusDocs> => {
  const fleet = await r.required(p.stateFile, StatusFleetView, {
    missing: `fleet state file not found: ${p.stateFile}`,
    invalid: `invalid fleet state JSON: ${p.stateFile}`,
  });
  const policy = await r.optional(
    p.policyStateFile,
    StatusPolicyView,
    `invalid policy state JSON: ${p.policyStateFile}`,
  );
  const handoff = await r.optional(
    p.handoffStateFile,
    StatusHandoffView,
    `invalid handoff state JSON: ${p.handoffStateFile}`,
  );
  return {
    fleet,
    policy: policy ?? undefined,
    handoff: handoff ?? undefined,
    ...statusLinesOf(await r.lastLine(p.reconcileTelemetryFile), await r.lastLine(p.handoffTelemetryFile)),
  };
};
