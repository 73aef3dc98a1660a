// Every command opsfold offers, in the order --help lists them.
import type { Command } from './cli/command.js';
import { loopSnapshot } from './loop-snapshot.js';
import { loopPollEvents } from './loop-poll-events.js';
import { loopProjectState } from './loop-project-state.js';
import { demo } from './demo.js';
import { replay } from './replay.js';

export const commands: readonly Command[] = [loopSnapshot, loopPollEvents, loopProjectState, replay, demo];
