// The loop-manager control commands; runners/commands.ts appends them to the table.
import type { Command } from '../cli/command.js';

export const loopControlCommands: readonly Command[] = [];
