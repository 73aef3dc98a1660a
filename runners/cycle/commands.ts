// The cycle commands, in the order --help lists them; runners/commands.ts appends them to the table.
import type { Command } from '../cli/command.js';
import { cycleHistory } from './history-command.js';
import { cycleRun } from './run-command.js';

export const cycleCommands: readonly Command[] = [cycleRun, cycleHistory];
