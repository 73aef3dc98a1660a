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
    added['now'] = { ...asOf, help: 'The same as --as-of.', alias: { of: 'as-of' } };
  if (Object.keys(added).length === 0) return c;
  const conventional = { ...c, flags: { ...c.flags, ...added } };
  origins.set(conventional, c);
  return conventional;
};

/** The command object a domain exports, for a table entry (the build's manifest finds its module). */
export const originOf = (c: Command): Command => origins.get(c) ?? c;

const given = (x: Values[string]): boolean => x !== undefined && x !== '' && x !== false;

/**
 * Each alias given stands for the flag it spells where that flag is not given (`--now T` is
 * `--as-of T`; an empty --now is the reference's "not given"). A scaled alias is left to its command.
 */
export const resolveAliases = (c: Command, values: Values): Values => {
  const out = { ...values };
  for (const [name, f] of Object.entries(c.flags)) {
    const a = f.alias;
    if (a === undefined || a.scale !== undefined || !given(values[name]) || values[a.of] !== undefined)
      continue;
    out[a.of] = values[name];
  }
  // A command's own --now (one that reads both) gets the same, as it always has.
  if (typeof values['now'] === 'string' && given(values['now']) && out['as-of'] === undefined)
    out['as-of'] = values['now'];
  return out;
};

/** The spelling the user typed, for an error about flag `name`: its alias when that gave the value. */
export const spelledAs = (c: Command, values: Values, name: string): string => {
  const alias = Object.entries(c.flags).find(([n, f]) => f.alias?.of === name && given(values[n]));
  return alias !== undefined && values[alias[0]] === values[name] ? alias[0] : name;
};
