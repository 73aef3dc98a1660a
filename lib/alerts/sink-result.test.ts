// One attempt's answer, classified the way the reference reads curl's, plus whether to try again.
import { describe, expect, it } from 'vitest';
import { backoffMs, classifyOutcome, excerpt } from './sink-result.js';

describe('classifying a transport answer', () => {
  it('a 2xx is a success with the response excerpt', () =>
    expect(classifyOutcome({ kind: 'response', status: 202, body: 'ok\n' }, [])).toEqual({
      result: { status: 'success', httpStatus: 202, reasonCode: null, message: 'ok' },
      retryable: false,
    }));
  it('a 5xx, 429 or 408 is an http_error worth retrying; another 4xx is not', () => {
    for (const status of [500, 503, 429, 408])
      expect(classifyOutcome({ kind: 'response', status, body: '' }, []).retryable).toBe(true);
    const c = classifyOutcome({ kind: 'response', status: 404, body: '' }, []);
    expect([c.result.reasonCode, c.result.httpStatus, c.result.message, c.retryable]).toEqual([
      'http_error',
      404,
      null,
      false,
    ]);
  });
  it('a request that did not complete is request_failed, worth retrying', () =>
    expect(classifyOutcome({ kind: 'error', message: 'timed out' }, [])).toMatchObject({
      result: { reasonCode: 'request_failed', httpStatus: null, message: 'timed out' },
      retryable: true,
    }));
  it('anything else is invalid_sink_result', () => {
    for (const o of [null, 'x', { kind: 'response', status: '200', body: '' }, { kind: 'other' }])
      expect(classifyOutcome(o, []).result.reasonCode).toBe('invalid_sink_result');
  });
});

describe('the message excerpt', () => {
  it('flattens newlines, keeps 300 characters and redacts secrets', () => {
    expect(excerpt('a\nb\n\n', [])).toBe('a b');
    expect(excerpt('x'.repeat(400), [])?.length).toBe(300);
    expect(excerpt('echo: tok-123456', ['tok-123456'])).toBe('echo: [redacted]');
  });
});

describe('backoff', () => {
  it('doubles from the base on each further attempt', () =>
    expect([2, 3, 4].map((n) => backoffMs(1, n))).toEqual([1000, 2000, 4000]));
});
