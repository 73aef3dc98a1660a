// The facts the safety gates need, gathered for the pure decision in gates.ts: the active windows, and
// (from the preflight port: only the file system knows) which preflight paths fail under the root.
import type { TicketRequest } from './codecs-tickets.js';
import { decideGates, type GateVerdict } from './gates.js';
import { preflightPathsOf } from './safety.js';
import { activeWindows } from './windows.js';
import type { CycleCtx } from './context.js';
import type { SafetyRead } from './safety-read.js';

/** The gates' verdict on `ticket`. */
export const verdictFor = async (
  ctx: CycleCtx,
  safety: SafetyRead,
  ticket: TicketRequest,
): Promise<GateVerdict> => {
  const type = ticket.request_type;
  const windows = safety.windowsTrusted
    ? activeWindows(safety.windows, ctx.opts.asOfMs, ctx.opts.zone, type).map((w) => w.window_id)
    : [];
  const paths = safety.gate.mode === 'REAL' ? preflightPathsOf(safety.allowlist.allowlist, type) : [];
  return decideGates({
    requestType: type,
    mode: safety.gate.mode,
    reportedMode: safety.gate.reported,
    gateProblem: safety.gate.problem,
    allowlist: safety.allowlist.allowlist,
    allowlistProblem: safety.allowlist.problem,
    activeWindowIds: windows,
    preflightFailures: await ctx.ports.preflight(paths),
    executes: ctx.opts.workerCmd !== null,
  });
};
