// The transport settings `loop control` and `loop reconcile` share, checked with the reference's
// messages: --transport local|sprite_service, --retry-attempts (default 3, >= 1),
// --retry-backoff-seconds (default 1), opsfold's --service-timeout-seconds (default 30) and, for
// sprite_service, the token and an http(s) --service-base-url. Pure: the flags come in as text.
import * as E from 'fp-ts/lib/Either.js';
import { redactUrl, type ServiceEndpoint } from './service-call.js';

export interface TransportSettings {
  readonly mode: 'local' | 'sprite_service';
  readonly retryAttempts: number;
  readonly retryBackoffSeconds: number;
  /** Set for sprite_service. */
  readonly endpoint: ServiceEndpoint | null;
  /** Environment variables holding the token (kept out of child processes). */
  readonly secretVars: readonly string[];
}

/** The transport flags as given (undefined when absent). */
export interface TransportFlags {
  readonly transport?: string;
  readonly retryAttempts?: string;
  readonly retryBackoffSeconds?: string;
  readonly serviceTimeoutSeconds?: string;
  readonly serviceTokenEnv?: string;
  readonly serviceBaseUrl?: string;
}

class Refused {
  constructor(readonly message: string) {}
}

const wholeNumber = (raw: string | undefined, fallback: number, message: string): number => {
  if (raw === undefined) return fallback;
  if (!/^[0-9]+$/.test(raw)) throw new Refused(message);
  return Number(raw);
};

const settingsOf = (f: TransportFlags, token: () => string | null): TransportSettings => {
  const mode = f.transport ?? 'local';
  if (mode !== 'local' && mode !== 'sprite_service')
    throw new Refused('--transport must be local or sprite_service');
  const attemptsMessage = '--retry-attempts must be an integer >= 1';
  const retryAttempts = wholeNumber(f.retryAttempts, 3, attemptsMessage);
  if (retryAttempts < 1) throw new Refused(attemptsMessage);
  const retryBackoffSeconds = wholeNumber(
    f.retryBackoffSeconds,
    1,
    '--retry-backoff-seconds must be a non-negative integer',
  );
  const timeout = wholeNumber(
    f.serviceTimeoutSeconds,
    30,
    '--service-timeout-seconds must be a positive integer',
  );
  const secretVars = f.serviceTokenEnv === undefined ? [] : [f.serviceTokenEnv];
  if (mode === 'local') return { mode, retryAttempts, retryBackoffSeconds, endpoint: null, secretVars };
  const resolved = token();
  const baseUrl = f.serviceBaseUrl ?? '';
  if (baseUrl === '') throw new Refused('--service-base-url is required when --transport sprite_service');
  if (!/^https?:\/\//.test(baseUrl))
    throw new Refused(`--service-base-url must be an http(s) URL: ${redactUrl(baseUrl)}`);
  const endpoint = {
    baseUrl,
    token: resolved,
    timeoutMs: Math.max(1, timeout) * 1000,
    retryAttempts,
    retryBackoffSeconds,
  };
  return { mode, retryAttempts, retryBackoffSeconds, endpoint, secretVars };
};

/**
 * The settings, or the usage problem's message. `token` is asked only for sprite_service (after the
 * numbers are checked, before the base URL); whatever it throws passes through.
 */
export const transportSettingsOf = (
  f: TransportFlags,
  token: () => string | null,
): E.Either<string, TransportSettings> => {
  try {
    return E.right(settingsOf(f, token));
  } catch (err) {
    if (err instanceof Refused) return E.left(err.message);
    throw err;
  }
};
