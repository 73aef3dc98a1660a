// The dashboard commands, in the order --help lists them; runners/commands.ts appends them to the table.
// The page's domain views run other commands: it gets the lazy table, imported on first use, so the
// dashboard neither loads every domain nor imports the table that lists it.
import type { Command } from '../cli/command.js';
import { realSleep } from '../cli/run-clock.js';
import { loopSteps } from '../loop-steps.js';
import { makeDashboard } from './dashboard.js';

export const dashboard = makeDashboard({
  loop: loopSteps(realSleep),
  commands: async () => (await import('../lazy-commands.js')).lazyCommands,
});

export const dashboardCommands: readonly Command[] = [dashboard];
