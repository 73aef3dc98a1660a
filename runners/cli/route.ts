// Finding the command an argv names: the longest matching path, and the hoisting of domain-wide flags
// some references put before the subcommand.
import type { Command } from './command.js';

export const findCommand = (commands: readonly Command[], argv: readonly string[]): Command | undefined =>
  commands
    .filter((c) => c.path.every((word, i) => argv[i] === word))
    .sort((a, b) => b.path.length - a.path.length)[0];

/** True when argv[from, to) is a run of flags (with their values) that `c` accepts. */
const flagsOnly = (c: Command, argv: readonly string[], from: number, to: number): boolean => {
  for (let i = from; i < to; i += 1) {
    const name = argv[i]?.match(/^--([^=]+)(=.*)?$/);
    const flag = name?.[1] === undefined ? undefined : c.flags[name[1]];
    if (flag === undefined) return false;
    if (flag.type === 'string' && name?.[2] === undefined) {
      if (i + 1 >= to) return false;
      i += 1;
    }
  }
  return true;
};

/**
 * Pure: `opsfold queue --db F status` → `opsfold queue status --db F`. Some references take their
 * domain-wide flags before the subcommand; the flags must be ones the subcommand itself accepts.
 */
export const hoistSubcommand = (commands: readonly Command[], argv: readonly string[]): readonly string[] => {
  if (findCommand(commands, argv) !== undefined || !argv[1]?.startsWith('--')) return argv;
  for (const c of commands) {
    const [domain, sub] = c.path;
    if (c.path.length !== 2 || domain === undefined || domain !== argv[0] || sub === undefined) continue;
    for (let at = argv.indexOf(sub, 2); at > 0; at = argv.indexOf(sub, at + 1))
      if (flagsOnly(c, argv, 1, at)) return [domain, sub, ...argv.slice(1, at), ...argv.slice(at + 1)];
  }
  return argv;
};
