// Usage errors for a command line that names no command, with the nearest names as a suggestion.
import { closestMatches } from '../../lib/core/edit-distance.js';
import type { Command } from './command.js';
import { usageError, type CliError } from './errors.js';

/** The command paths (or, failing that, domains and one-word commands) nearest to what was typed. */
const suggestCommands = (commands: readonly Command[], words: readonly string[]): readonly string[] => {
  const paths = commands.map((c) => c.path.join(' '));
  const typed = words.slice(0, 2).join(' ');
  const whole = closestMatches(
    typed,
    paths.filter((p) => p.split(' ').length === Math.min(2, words.length)),
  );
  if (whole.length > 0 || words[0] === undefined) return whole;
  return closestMatches(words[0], [...new Set(commands.map((c) => c.path[0] ?? ''))]);
};

/**
 * `error: unknown command: …`, with a did-you-mean line when a command is near and the help to read:
 * the domain's when the first word names one (`opsfold loop` with only flags: no command given).
 */
export const unknownCommand = (commands: readonly Command[], words: readonly string[]): CliError => {
  const named = words.filter((w) => !w.startsWith('-')).slice(0, 2);
  const [first = ''] = named;
  const isDomain = commands.some((c) => c.path.length > 1 && c.path[0] === first);
  const see = `see: opsfold ${isDomain ? `${first} ` : ''}--help`;
  if (isDomain && named.length === 1) return usageError(`no ${first} command given`, see);
  const near = suggestCommands(commands, named);
  return usageError(
    `unknown command: ${named.join(' ')}`,
    ...(near.length > 0 ? [`did you mean: ${near.join(' or ')}`] : []),
    see,
  );
};
