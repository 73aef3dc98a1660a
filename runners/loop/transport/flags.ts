// The transport flags `loop control` and `loop reconcile` share, with the reference's names and
// messages: --transport local|sprite_service, --service-base-url, the token flags, --retry-attempts
// (default 3, >= 1), --retry-backoff-seconds (default 1), and opsfold's --service-timeout-seconds.
import { str, type Flag, type Io, type Values } from '../../cli/command.js';
import { usageError } from '../../cli/errors.js';
import type { Sleep } from '../../cli/run-clock.js';
import type { Transport } from './fetch-types.js';
import type { ServiceEndpoint } from '../../../lib/loop/service-call.js';
import { resolveToken, tokenFlags } from './token.js';

export const transportFlags: Readonly<Record<string, Flag>> = {
  transport: { type: 'string', arg: 'local|sprite_service', help: 'Transport mode (default: local).' },
  'service-base-url': {
    type: 'string',
    arg: 'url',
    help: 'Sprite service base URL (required for sprite_service).',
  },
  ...tokenFlags,
  'retry-attempts': { type: 'string', arg: 'n', help: 'Service attempts per request, >= 1 (default: 3).' },
  'retry-backoff-seconds': {
    type: 'string',
    arg: 'n',
    help: 'Backoff base: attempt n waits n × this many seconds (default: 1).',
  },
  'service-timeout-seconds': {
    type: 'string',
    arg: 'n',
    help: 'Give up on one service request after this many seconds without an answer (default: 30).',
  },
};

const wholeNumber = (v: Values, name: string, fallback: number, message: string): number => {
  const raw = str(v, name);
  if (raw === undefined) return fallback;
  if (!/^[0-9]+$/.test(raw)) throw usageError(message);
  return Number(raw);
};

export interface TransportSettings {
  readonly mode: 'local' | 'sprite_service';
  readonly retryAttempts: number;
  readonly retryBackoffSeconds: number;
  /** Set for sprite_service. */
  readonly endpoint: ServiceEndpoint | null;
  /** Environment variables holding the token (kept out of child processes). */
  readonly secretVars: readonly string[];
}

/** Parses and checks the transport flags (usage errors, exit 64, with the reference's messages). */
export const transportSettings = (v: Values, io: Pick<Io, 'env'>): TransportSettings => {
  const mode = str(v, 'transport') ?? 'local';
  if (mode !== 'local' && mode !== 'sprite_service')
    throw usageError('--transport must be local or sprite_service');
  const retryAttempts = wholeNumber(v, 'retry-attempts', 3, '--retry-attempts must be an integer >= 1');
  if (retryAttempts < 1) throw usageError('--retry-attempts must be an integer >= 1');
  const retryBackoffSeconds = wholeNumber(
    v,
    'retry-backoff-seconds',
    1,
    '--retry-backoff-seconds must be a non-negative integer',
  );
  const timeout = wholeNumber(
    v,
    'service-timeout-seconds',
    30,
    '--service-timeout-seconds must be a positive integer',
  );
  const named = str(v, 'service-token-env');
  const secretVars = named === undefined ? [] : [named];
  if (mode === 'local') return { mode, retryAttempts, retryBackoffSeconds, endpoint: null, secretVars };
  const token = resolveToken(v, io.env);
  const baseUrl = str(v, 'service-base-url') ?? '';
  if (baseUrl === '') throw usageError('--service-base-url is required when --transport sprite_service');
  if (!/^https?:\/\//.test(baseUrl))
    throw usageError(`--service-base-url must be an http(s) URL: ${baseUrl}`);
  const endpoint = {
    baseUrl,
    token: token.token,
    timeoutMs: Math.max(1, timeout) * 1000,
    retryAttempts,
    retryBackoffSeconds,
  };
  return { mode, retryAttempts, retryBackoffSeconds, endpoint, secretVars };
};

/** The Transport value `fetchLoop` takes. */
export const transportOf = (s: TransportSettings, sleep: Sleep): Transport =>
  s.mode === 'local' || s.endpoint === null
    ? { mode: 'local' }
    : { mode: 'sprite_service', endpoint: s.endpoint, sleep };
