// Where the loop's steps are wired for the domains that run them (fleet, dashboard): they receive a
// LoopSteps (runners/cli/loop-steps.ts) and never import runners/loop; its modules load on first use,
// so a command that never reconciles or controls a loop does not load them.
import type { LoopSteps } from './cli/loop-steps.js';
import type { Sleep } from './cli/run-clock.js';

const load = async (sleep: Sleep): Promise<LoopSteps> =>
  (await import('./loop/steps.js')).makeLoopSteps(sleep);

/** The loop's steps with `sleep` injected. */
export const loopSteps = (sleep: Sleep): LoopSteps => ({
  reconcile: async (v, io) => (await load(sleep)).reconcile(v, io),
  control: async (argv, io) => (await load(sleep)).control(argv, io),
});
