// The dashboard commands, in the order --help lists them; runners/commands.ts appends them to the table
// and hands that table back in, since the dashboard's domain views run other commands.
import type { Command } from '../cli/command.js';
import { realSleep } from '../cli/run-clock.js';
import { makeDashboard } from './dashboard.js';

export const dashboardCommands = (table: () => Promise<readonly Command[]>): readonly Command[] => [
  makeDashboard({ sleep: realSleep, commands: table }),
];
