// The transport settings from flag text: local needs nothing else, sprite_service a token and an
// http(s) base URL; bad numbers and modes are the reference's usage messages.
import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import { transportSettingsOf } from './transport-settings.js';

const noToken = () => {
  throw new Error('token asked for');
};

describe('given no flags', () => {
  it('is local with three attempts and a one second backoff', () => {
    expect(transportSettingsOf({}, noToken)).toEqual(
      E.right({ mode: 'local', retryAttempts: 3, retryBackoffSeconds: 1, endpoint: null, secretVars: [] }),
    );
  });
});

describe('given sprite_service', () => {
  it('builds the endpoint with the token and the timeout in ms', () => {
    const s = transportSettingsOf(
      {
        transport: 'sprite_service',
        serviceBaseUrl: 'http://svc',
        serviceTimeoutSeconds: '0',
        serviceTokenEnv: 'TOK',
      },
      () => 't',
    );
    expect(s).toEqual(
      E.right({
        mode: 'sprite_service',
        retryAttempts: 3,
        retryBackoffSeconds: 1,
        endpoint: {
          baseUrl: 'http://svc',
          token: 't',
          timeoutMs: 1000,
          retryAttempts: 3,
          retryBackoffSeconds: 1,
        },
        secretVars: ['TOK'],
      }),
    );
  });
  it('refuses a missing or non-http base URL', () => {
    expect(transportSettingsOf({ transport: 'sprite_service' }, () => null)).toEqual(
      E.left('--service-base-url is required when --transport sprite_service'),
    );
    expect(
      transportSettingsOf({ transport: 'sprite_service', serviceBaseUrl: 'ftp://x' }, () => null),
    ).toEqual(E.left('--service-base-url must be an http(s) URL: ftp://x'));
  });
});

describe('given bad values', () => {
  it('answers the reference messages', () => {
    expect(transportSettingsOf({ transport: 'carrier-pigeon' }, noToken)).toEqual(
      E.left('--transport must be local or sprite_service'),
    );
    expect(transportSettingsOf({ retryAttempts: '0' }, noToken)).toEqual(
      E.left('--retry-attempts must be an integer >= 1'),
    );
    expect(transportSettingsOf({ retryBackoffSeconds: '-1' }, noToken)).toEqual(
      E.left('--retry-backoff-seconds must be a non-negative integer'),
    );
  });
});
