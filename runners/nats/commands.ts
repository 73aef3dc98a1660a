// The NATS JetStream commands, in the order --help lists them; runners/commands.ts appends them.
import type { Command } from '../cli/command.js';
import { ship } from './ship.js';

export const natsCommands: readonly Command[] = [ship];
