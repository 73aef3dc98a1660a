// The alerts commands, in the order --help lists them; runners/commands.ts appends them to the table.
import type { Command } from '../cli/command.js';
import { alertsSinkConfig } from './sink-config.js';
import { alertsDispatch } from './dispatch-command.js';

export const alertsCommands: readonly Command[] = [alertsSinkConfig, alertsDispatch];
