// The request a sink gets: its secrets from the environment, its headers, or the result when it cannot be built.
import { describe, expect, it } from 'vitest';
import { asDispatchSink, buildRequest } from './sink-request.js';

const alert = {
  repoPath: '/r',
  loopId: 'l',
  category: 'c',
  severity: 'critical',
  traceId: 't',
  escalationTimestamp: '',
  emittedAt: '2026-02-22T11:00:00Z',
  escalation: {},
};
const webhook = asDispatchSink({
  id: 'w',
  type: 'webhook',
  secretRefs: { urlEnv: 'URL', authTokenEnv: 'TOKEN' },
  config: { headers: { 'X-A': 'b', 'X-N': 1 } },
})!;
const env: Record<string, string> = { URL: 'https://h/secret', TOKEN: 'tok' };

describe('building a sink request', () => {
  it('given a webhook with its secrets set, then the request carries the token, string headers and the key', () => {
    const built = buildRequest(webhook, alert, 'k1', (n) => env[n]);
    expect(built).toMatchObject({
      request: {
        url: 'https://h/secret',
        timeoutMs: 5000,
        headers: { Authorization: 'Bearer tok', 'X-A': 'b', 'Idempotency-Key': 'k1' },
      },
      secrets: ['https://h/secret', 'tok'],
    });
    expect('request' in built && built.request.headers).not.toHaveProperty('X-N');
  });

  it('given an unset secret or an unknown type, then the result is a failure and nothing is sent', () => {
    expect(buildRequest(webhook, alert, 'k', () => undefined)).toMatchObject({
      result: { status: 'failed', reasonCode: 'missing_secret' },
    });
    const odd = asDispatchSink({ id: 'x', type: 'email' })!;
    expect(buildRequest(odd, alert, 'k', () => 'v')).toMatchObject({
      result: { reasonCode: 'unsupported_sink_type' },
    });
  });

  it('given a resolver entry without an id or type, then it is not a sink', () => {
    expect(asDispatchSink({ type: 'webhook' })).toBeNull();
    expect(asDispatchSink('w')).toBeNull();
  });
});
