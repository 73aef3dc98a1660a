// Where the service token comes from and how it is compared. `--service-token-env NAME` (recommended:
// the secret stays out of argv and shell history), then `--service-token T` (the reference's flag,
// kept for compatibility), then OPS_MANAGER_SERVICE_TOKEN (the reference's fallback). Comparison is
// constant time over sha256 digests, so neither the token's length nor its prefix leaks.
import { createHash, timingSafeEqual } from 'node:crypto';
import type { AuthMode } from '../../../lib/loop/service-auth.js';
import { str, type Flag, type Values } from '../../cli/command.js';
import { usageError } from '../../cli/errors.js';

export const tokenFlags: Readonly<Record<string, Flag>> = {
  'service-token-env': {
    type: 'string',
    arg: 'NAME',
    help: 'Read the service token from environment variable NAME (recommended).',
  },
  'service-token': {
    type: 'string',
    arg: 'token',
    help: 'The service token itself (reference flag; visible in the process list, prefer --service-token-env).',
  },
};

export interface ResolvedToken {
  readonly token: string | null;
  /** Environment variables that hold it, kept out of child processes. */
  readonly secretVars: readonly string[];
}

/** The token the flags and environment give (null when none). */
export const resolveToken = (v: Values, env: NodeJS.ProcessEnv, alias?: string): ResolvedToken => {
  const name = str(v, 'service-token-env');
  if (name !== undefined) {
    const value = env[name];
    if (value === undefined || value === '')
      throw usageError(`--service-token-env ${name}: the environment variable is unset or empty`);
    return { token: value, secretVars: [name] };
  }
  const given = str(v, 'service-token') ?? (alias === undefined ? undefined : str(v, alias));
  if (given !== undefined && given !== '') return { token: given, secretVars: [] };
  const fallback = env['OPS_MANAGER_SERVICE_TOKEN'];
  return { token: fallback === undefined || fallback === '' ? null : fallback, secretVars: [] };
};

const digest = (s: string): Buffer => createHash('sha256').update(s, 'utf8').digest();

/** The service's auth mode for `token` (constant-time comparison of sha256 digests). */
export const tokenAuth = (token: string): AuthMode => {
  const expected = digest(token);
  return { kind: 'token', matches: (candidate) => timingSafeEqual(digest(candidate), expected) };
};
