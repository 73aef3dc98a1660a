// The dashboard commands, in the order --help lists them; runners/commands.ts appends them to the table.
import type { Command } from '../cli/command.js';
import { dashboard } from './dashboard.js';

export const dashboardCommands: readonly Command[] = [dashboard];
