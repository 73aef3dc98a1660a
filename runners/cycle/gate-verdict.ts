// The facts the safety gates need that only the file system knows (which preflight paths exist under
// the root), gathered for the pure decision in lib/cycle/gates.ts.
import { promises as fsp } from 'node:fs';
import { isAbsolute, relative, resolve } from 'node:path';
import type { TicketRequest } from '../../lib/cycle/codecs-tickets.js';
import { decideGates, type GateVerdict } from '../../lib/cycle/gates.js';
import { preflightPathsOf } from '../../lib/cycle/safety.js';
import { activeWindows } from '../../lib/cycle/windows.js';
import type { CycleCtx } from './context.js';
import type { SafetyRead } from './safety-read.js';

const preflightFailures = async (root: string, paths: readonly string[]): Promise<string[]> => {
  const failures: string[] = [];
  for (const p of paths) {
    const abs = resolve(root, p);
    const rel = relative(root, abs);
    if (rel.startsWith('..') || isAbsolute(rel)) failures.push(`outside the root: ${p}`);
    else if ((await fsp.stat(abs).catch(() => null)) === null) failures.push(`missing ${p}`);
  }
  return failures;
};

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
    preflightFailures: await preflightFailures(ctx.paths.root, paths),
  });
};
