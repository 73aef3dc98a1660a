// Lazy commands, after oclif's manifest: `npm run build` writes dist/runners/command-manifest.json
// (scripts/command-manifest.ts, from the eager table in runners/commands.ts), every command's
// descriptor — everything --help and the flag parser read — plus the module and export that implement
// it. The bin builds its table from that file alone, so `opsfold --help` loads no domain, and a
// command's implementation (with its domain's modules and dependencies) is imported only when it runs.
import type { Command, Io, Values } from './command.js';
import type { main } from './main.js';
import { findCommand, hoistSubcommand } from './route.js';

/** A command without its `run`: what --help, the parser and the dispatcher need. */
export type Descriptor = Omit<Command, 'run'>;

export interface CommandEntry extends Descriptor {
  /** The implementing module, relative to runners/ and without its extension (`loop-status`). */
  readonly module: string;
  /** The export holding the command, or an array of commands when `index` is set. */
  readonly export: string;
  readonly index?: number;
  /**
   * The same module bundled with everything it imports into one file (relative to runners/, without
   * its extension), when the build made one: loading one file instead of ~180 is most of a cold
   * command's start-up (scripts/bundle-commands.ts).
   */
  readonly bundle?: string;
}

/** Imports the module an entry names and returns the command object it exports. */
export const loadCommand = async (entry: CommandEntry): Promise<Command> => {
  // Relative to runners/cli/, so the same specifier works from the sources (tests) and from dist;
  // vite-ignore keeps vitest from turning it into a glob of the files that exist at transform time.
  const specifier = `../${entry.bundle ?? entry.module}.js`;
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
  const { module: _m, export: _e, index: _i, bundle: _b, ...descriptor } = entry;
  return {
    ...descriptor,
    run: async (values: Values, positionals: readonly string[], io: Io) =>
      (await loadCommand(entry)).run(values, positionals, io),
  };
};

/**
 * The `main` of the bundle of the command `argv` names, or null (no such command, or no bundle). A
 * bundle holds its own copy of every module it imports, so the error classes `main` reports by and
 * the process-wide line cap must be the bundle's: the bin runs the bundle's `main`, and the lazy
 * `run` then imports the same bundle (the same module instance) for the command itself.
 */
export const bundledMain = async (
  entries: readonly CommandEntry[],
  table: readonly Command[],
  argv: readonly string[],
): Promise<typeof main | null> => {
  const found = findCommand(table, hoistSubcommand(table, argv));
  const bundle = found === undefined ? undefined : entries[table.indexOf(found)]?.bundle;
  if (bundle === undefined) return null;
  const mod = (await import(/* @vite-ignore */ `../${bundle}.js`)) as { [BUNDLE_MAIN]?: typeof main };
  return mod[BUNDLE_MAIN] ?? null;
};

/** The name under which each bundle exports its own copy of `main` (scripts/bundle-commands.ts). */
export const BUNDLE_MAIN = 'opsfoldMain';
