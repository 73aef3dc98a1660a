// Lazy commands, after oclif's manifest: `npm run build` writes dist/runners/command-manifest.json
// (scripts/command-manifest.ts, from the eager table in runners/commands.ts), every command's
// descriptor — everything --help and the flag parser read — plus the module and export that implement
// it. The bin builds its table from that file alone, so `opsfold --help` loads no domain, and a
// command's implementation (with its domain's modules and dependencies) is imported only when it runs.
import type { Command, Io, Values } from './command.js';

/** A command without its `run`: what --help, the parser and the dispatcher need. */
export type Descriptor = Omit<Command, 'run'>;

export interface CommandEntry extends Descriptor {
  /** The implementing module, relative to runners/ and without its extension (`loop-status`). */
  readonly module: string;
  /** The export holding the command, or an array of commands when `index` is set. */
  readonly export: string;
  readonly index?: number;
}

/** Imports the module an entry names and returns the command object it exports. */
export const loadCommand = async (entry: CommandEntry): Promise<Command> => {
  // Relative to runners/cli/, so the same specifier works from the sources (tests) and from dist;
  // vite-ignore keeps vitest from turning it into a glob of the files that exist at transform time.
  const specifier = `../${entry.module}.js`;
  const mod = (await import(/* @vite-ignore */ specifier)) as Record<string, unknown>;
  const value = mod[entry.export];
  const command = (entry.index === undefined ? value : (value as readonly unknown[])[entry.index]) as
    Command | undefined;
  if (command === undefined || typeof command.run !== 'function')
    throw new Error(`command manifest is stale: ${entry.module} has no command ${entry.export}`);
  return command;
};

/** The command an entry describes, whose `run` loads the implementation on first use. */
export const lazyCommand = (entry: CommandEntry): Command => {
  const { module: _m, export: _e, index: _i, ...descriptor } = entry;
  return {
    ...descriptor,
    run: async (values: Values, positionals: readonly string[], io: Io) =>
      (await loadCommand(entry)).run(values, positionals, io),
  };
};
