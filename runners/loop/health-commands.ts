// The loop-manager health commands; runners/commands.ts appends them to the table.
import type { Command } from '../cli/command.js';

export const loopHealthCommands: readonly Command[] = [];
