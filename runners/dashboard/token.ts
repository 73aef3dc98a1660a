// The control token: read from the variable --control-token-env names, then removed from the
// environment the other domains' views run with, so no view's command can see it.
import { str, type Io, type Values } from '../cli/command.js';
import { usageError } from '../cli/errors.js';

/** The control token from --control-token-env; null (read-only) when the flag or the variable is absent. */
export const tokenOf = (v: Values, io: Io): { token: string | null; name: string | null } => {
  const name = str(v, 'control-token-env');
  if (name === undefined) return { token: null, name: null };
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name))
    throw usageError(`--control-token-env: not a variable name: ${name}`);
  const token = io.env[name];
  if (token === undefined || token === '') {
    io.stderr.write(`warning: ${name} is unset or empty: control actions are disabled (read-only)\n`);
    return { token: null, name };
  }
  return { token, name };
};

/** The environment without the token's variable (the other domains' views run with it). */
export const withoutVar = (env: NodeJS.ProcessEnv, name: string | null): NodeJS.ProcessEnv => {
  if (name === null) return env;
  const { [name]: _secret, ...rest } = env;
  return rest;
};
