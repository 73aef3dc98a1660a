// Step 5: the selected ticket through the safety gates, then (when they all say yes) one worker run.
import { block } from './block-step.js';
import type { CycleCtx } from './context.js';
import { verdictFor } from './gate-verdict.js';
import type { TicketOutcome, Turn } from './ticket-io.js';
import { runWorker } from './worker-step.js';

/** The selected ticket's step: blocked by a gate, or run by the worker. */
export const processTicket = async (ctx: CycleCtx, turn: Turn): Promise<TicketOutcome> => {
  const verdict = await verdictFor(ctx, turn.safety, turn.ticket);
  if (verdict.runAs === null) return block(ctx, turn, verdict);
  return runWorker(ctx, turn, verdict);
};
