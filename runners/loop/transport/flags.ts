// The transport flags `loop control` and `loop reconcile` share, with the reference's names and
// messages: --transport local|sprite_service, --service-base-url, the token flags, --retry-attempts
// (default 3, >= 1), --retry-backoff-seconds (default 1), and opsfold's --service-timeout-seconds.
import * as E from 'fp-ts/lib/Either.js';
import { str, type Flag, type Io, type Values } from '../../cli/command.js';
import { usageError } from '../../cli/errors.js';
import type { Sleep } from '../../cli/run-clock.js';
import type { Transport } from './fetch-types.js';
import { transportSettingsOf, type TransportSettings } from '../../../lib/loop/transport-settings.js';
import { resolveToken, tokenFlags } from './token.js';

export type { TransportSettings };

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

/** Parses and checks the transport flags (usage errors, exit 64, with the reference's messages). */
export const transportSettings = (v: Values, io: Pick<Io, 'env'>): TransportSettings => {
  const flags = {
    transport: str(v, 'transport'),
    retryAttempts: str(v, 'retry-attempts'),
    retryBackoffSeconds: str(v, 'retry-backoff-seconds'),
    serviceTimeoutSeconds: str(v, 'service-timeout-seconds'),
    serviceTokenEnv: str(v, 'service-token-env'),
    serviceBaseUrl: str(v, 'service-base-url'),
  };
  const s = transportSettingsOf(flags, () => resolveToken(v, io.env).token);
  if (E.isLeft(s)) throw usageError(s.left);
  return s.right;
};

/** The Transport value `fetchLoop` takes. */
export const transportOf = (s: TransportSettings, sleep: Sleep): Transport =>
  s.mode === 'local' || s.endpoint === null
    ? { mode: 'local' }
    : { mode: 'sprite_service', endpoint: s.endpoint, sleep };
