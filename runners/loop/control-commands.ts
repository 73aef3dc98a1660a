// The loop-manager control commands; runners/commands.ts appends them to the table.
import type { Command } from '../cli/command.js';
import { loopControl } from '../loop-control.js';
import { loopConfirmIntent } from '../loop-confirm-intent.js';
import { service } from '../service.js';

export const loopControlCommands: readonly Command[] = [loopControl, loopConfirmIntent, service];
