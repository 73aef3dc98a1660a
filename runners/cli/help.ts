// The help screens built from command descriptors alone (path, title, summary), so printing help never
// loads a domain: the top-level list, one domain's list, and `opsfold help <words…>`.
import { helpOf, type Command } from './command.js';

/** A command's one line in a list: its title, else its summary up to the first `:` or `(`. */
const lineOf = (c: Command, name: string): string =>
  `  ${name.padEnd(Math.max(24, name.length + 2))}${c.title ?? c.summary.split(/[:(]/)[0]?.trim()}`;

export const topHelp = (commands: readonly Command[]): string =>
  [
    'Usage: opsfold <domain> <command> [flags]   (opsfold <command> --help for details)',
    '',
    'opsfold folds the append-only trail of AI-agent fleets (events.jsonl, receipts, markers) into answers:',
    'lifecycle, health with reason codes, divergence flags. Every projection is a pure reducer; the same log',
    'always yields the same output, and a re-run from a checkpoint reads only the appended bytes.',
    '',
    'Commands:',
    ...commands.map((c) => lineOf(c, c.path.join(' '))),
    '',
    'Exit codes: 0 ok; 1 bad input, missing artifact or corruption; 2 a gate said no; 64 usage error;',
    '75 lock held by another process.',
    '',
  ].join('\n');

/** The commands of `domain` (its first word), when it has subcommands. */
export const domainCommands = (commands: readonly Command[], domain: string): readonly Command[] =>
  commands.filter((c) => c.path.length > 1 && c.path[0] === domain);

/** `opsfold <domain> --help`: the domain's commands with their one-line summaries. */
export const domainHelp = (domain: string, listed: readonly Command[]): string =>
  [
    `Usage: opsfold ${domain} <command> [flags]   (opsfold ${domain} <command> --help for details)`,
    '',
    'Commands:',
    ...listed.map((c) => lineOf(c, c.path.slice(1).join(' '))),
    '',
  ].join('\n');

/** The help text `words` name (a command or a domain), or null when they name neither. */
export const helpFor = (commands: readonly Command[], words: readonly string[]): string | null => {
  if (words.length === 0) return topHelp(commands);
  const command = commands.find((c) => c.path.join(' ') === words.join(' '));
  if (command !== undefined) return helpOf(command);
  const [domain] = words;
  const listed = words.length === 1 && domain !== undefined ? domainCommands(commands, domain) : [];
  return listed.length > 0 && domain !== undefined ? domainHelp(domain, listed) : null;
};
