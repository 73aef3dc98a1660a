// The dashboard commands, in the order --help lists them; runners/commands.ts appends them to the table.
import type { Command } from '../cli/command.js';

export const dashboardCommands: readonly Command[] = [];
