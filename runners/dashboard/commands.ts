// The dashboard commands, in the order --help lists them; runners/commands.ts appends them to the table.
// The page's domain views run other commands: the dashboard runs them from the table it was itself
// dispatched from (`io.table`), so it neither loads every domain nor imports the table that lists it.
import type { Command } from '../cli/command.js';
import { realSleep } from '../cli/run-clock.js';
import { domainEdges } from '../domain-edges.js';
import { loopSteps } from '../loop-steps.js';
import { makeDashboard } from './dashboard.js';

export const dashboard = makeDashboard({ loop: loopSteps(realSleep), domains: domainEdges });

export const dashboardCommands: readonly Command[] = [dashboard];
