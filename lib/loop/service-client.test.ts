import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import type { Once } from './service-call.js';
import { planServiceClient, type ClientFlags } from './service-client.js';
import { callWithRetries } from './service-fetch.js';

const base: ClientFlags = { method: 'GET', baseUrl: 'http://svc/', path: '/ops/snapshot?loopId=a' };

describe('given the service-client flags', () => {
  it('when only the required ones are given, then the reference defaults apply', () => {
    expect(planServiceClient(base)).toEqual(
      E.right({
        endpoint: {
          baseUrl: 'http://svc/',
          token: null,
          timeoutMs: 30_000,
          retryAttempts: 3,
          retryBackoffSeconds: 1,
        },
        call: { method: 'GET', path: '/ops/snapshot?loopId=a', traceId: null },
        bodyFile: null,
        connectTimeoutMs: 5_000,
      }),
    );
  });

  it.each<[string, ClientFlags, string]>([
    ['no method', { ...base, method: '' }, '--method is required'],
    ['a PUT', { ...base, method: 'PUT' }, '--method must be GET or POST'],
    ['no base URL', { ...base, baseUrl: undefined }, '--base-url is required'],
    ['no path', { ...base, path: '' }, '--path is required'],
    ['zero attempts', { ...base, retryAttempts: '0' }, '--retry-attempts must be an integer >= 1'],
    [
      'a fractional timeout',
      { ...base, maxTimeSeconds: '1.5' },
      'timeout/backoff values must be non-negative integers',
    ],
    ['a POST without a body', { ...base, method: 'POST' }, '--body-file is required for POST'],
  ])('when they have %s, then it is the reference usage error', (_what, flags, line) => {
    expect(planServiceClient(flags)).toEqual(E.left(line));
  });
});

const script = (answers: Once[]) => {
  const waits: number[] = [];
  let calls = 0;
  const ports = {
    once: () => Promise.resolve(answers[Math.min(calls++, answers.length - 1)] as Once),
    sleep: (ms: number) => {
      waits.push(ms);
      return Promise.resolve();
    },
  };
  return { ports, waits, calls: () => calls };
};
const ep = { baseUrl: 'http://svc', token: 't', timeoutMs: 1000, retryAttempts: 3, retryBackoffSeconds: 2 };
const call = { method: 'GET' as const, path: '/ops/events' };

describe('sending with retries', () => {
  it('given transient statuses then a 2xx, then it answers after waiting attempt × backoff', async () => {
    const s = script([
      { status: 503, body: '' },
      { status: null, body: 'refused' },
      { status: 200, body: '{"ok":true}' },
    ]);
    expect(await callWithRetries(s.ports, ep, call)).toEqual(
      E.right({ status: 200, body: '{"ok":true}', attempts: 3 }),
    );
    expect(s.waits).toEqual([2000, 4000]);
  });

  it('given a 401, then it gives up at once with the reference failure line', async () => {
    const s = script([{ status: 401, body: '{"ok":false}\n' }]);
    const got = await callWithRetries(s.ports, ep, call);
    expect(got).toEqual(
      E.left(
        expect.objectContaining({
          message: 'service request failed (method=GET url=http://svc/ops/events code=401): {"ok":false}',
        }),
      ),
    );
    expect(s.calls()).toBe(1);
  });

  it('given only transient answers, then it stops after the attempts', async () => {
    const s = script([{ status: 500, body: 'boom' }]);
    const got = await callWithRetries(s.ports, ep, call);
    expect(E.isLeft(got) && got.left.attempts).toBe(3);
  });
});
