// The usage error for a command line node:util's parseArgs refused: its message in opsfold's error style
// (lower case, without the hint about `--`), and for an unknown flag the nearest flags the command has.
import { closestMatches } from '../../lib/core/edit-distance.js';
import { usageError, type CliError } from './errors.js';

const lowerFirst = (s: string): string => s.charAt(0).toLowerCase() + s.slice(1);

/** The flag named in parseArgs' "Unknown option '--prety'" message, or undefined. */
const unknownFlagOf = (err: Error): string | undefined =>
  (err as NodeJS.ErrnoException).code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION'
    ? /'(-[^']*)'/.exec(err.message)?.[1]
    : undefined;

/**
 * `err` from parseArgs as a usage error for `command` (its path), whose flags are `flagNames`
 * (without dashes).
 */
export const flagError = (err: Error, command: readonly string[], flagNames: readonly string[]): CliError => {
  const message = lowerFirst(err.message.replace(/\. To specify.*$/s, ''));
  const see = `see: opsfold ${command.join(' ')} --help`;
  const flag = unknownFlagOf(err);
  if (flag === undefined) return usageError(message, see);
  const typed = flag.replace(/^--?/, '').split('=')[0] ?? '';
  const near = closestMatches(typed, flagNames).map((n) => `--${n}`);
  return usageError(message, ...(near.length > 0 ? [`did you mean ${near.join(' or ')}`] : []), see);
};
