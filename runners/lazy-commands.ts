// The command table the bin and the dashboard use: descriptors from the generated manifest, each
// implementation imported when its command runs (see runners/cli/lazy.ts). runners/commands.ts stays
// the eager source the manifest is generated from.
import type { Command } from './cli/command.js';
import { lazyCommand } from './cli/lazy.js';
import { commandManifest } from './command-manifest.js';

export const lazyCommands: readonly Command[] = commandManifest.map(lazyCommand);
