// One output and clock convention over the whole command table, applied here once so no domain can
// drift from it: every command that prints JSON accepts --json (its output is JSON either way, so the
// flag states what a script expects), and every command that takes --as-of takes --now as its alias.
// A command that prints human text by default declares its own --json.
import type { Command, Flag, Values } from './command.js';

export const jsonFlag: Flag = {
  type: 'boolean',
  help: 'Print JSON (this command prints JSON either way; the flag is accepted everywhere for scripts).',
};

const printsJson = (c: Command): boolean =>
  c.prints === 'json' || c.prints === 'jsonl' || c.flags['pretty'] !== undefined;

const origins = new WeakMap<Command, Command>();

/** The command with the conventional flags it lacks added. */
export const withConventions = (c: Command): Command => {
  const added: Record<string, Flag> = {};
  if (printsJson(c) && c.flags['json'] === undefined) added['json'] = jsonFlag;
  const asOf = c.flags['as-of'];
  if (asOf !== undefined && c.flags['now'] === undefined)
    added['now'] = { ...asOf, help: 'The same as --as-of.' };
  if (Object.keys(added).length === 0) return c;
  const conventional = { ...c, flags: { ...c.flags, ...added } };
  origins.set(conventional, c);
  return conventional;
};

/** The command object a domain exports, for a table entry (the build's manifest finds its module). */
export const originOf = (c: Command): Command => origins.get(c) ?? c;

/** `--now T` is `--as-of T` where --as-of is not given (a command's own --now reads both anyway). */
export const resolveAliases = (values: Values): Values => {
  const now = values['now'];
  return typeof now === 'string' && now !== '' && values['as-of'] === undefined
    ? { ...values, 'as-of': now }
    : values;
};
