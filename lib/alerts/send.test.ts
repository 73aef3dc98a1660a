// Sending one alert over fake ports: retries and backoff are the step's, the transport and the
// timer are whatever the caller passes.
import { describe, expect, it } from 'vitest';
import { sendToSink, type SendPorts } from './send.js';
import { asDispatchSink } from './sink-request.js';

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
const sink = asDispatchSink({ id: 'w', type: 'webhook', secretRefs: { urlEnv: 'URL' } })!;

const portsAnswering = (answers: unknown[], waits: number[]): SendPorts => ({
  env: { URL: 'https://h/secret-path' },
  transport: async () => answers.shift(),
  sleep: async (ms) => {
    waits.push(ms);
  },
  retryAttempts: 3,
  retryBackoffSeconds: 1,
});

describe('sending an alert to a sink', () => {
  it('given two 503s then a 200, when sent, then it succeeds on the third attempt after backing off 1 s and 2 s', async () => {
    const waits: number[] = [];
    const answers = [503, 503, 200].map((status) => ({ kind: 'response', status, body: '' }));
    const sent = await sendToSink(sink, alert, 'k', portsAnswering(answers, waits));
    expect([sent.result.status, sent.attempts, waits]).toEqual(['success', 3, [1000, 2000]]);
  });

  it('given a transport that throws with the URL in its message, then the failure is reported redacted, not retried', async () => {
    const ports = {
      ...portsAnswering([], []),
      transport: async () => {
        throw new Error('boom at https://h/secret-path');
      },
    };
    const sent = await sendToSink(sink, alert, 'k', ports);
    expect(sent.attempts).toBe(1);
    expect(sent.result.reasonCode).toBe('sink_dispatch_failed');
    expect(sent.result.message).not.toContain('secret-path');
  });

  it('given an unset secret, then nothing is sent', async () => {
    const sent = await sendToSink(sink, alert, 'k', { ...portsAnswering([], []), env: {} });
    expect([sent.attempts, sent.result.reasonCode]).toEqual([0, 'missing_secret']);
  });
});
