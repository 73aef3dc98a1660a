import { describe, expect, it } from 'vitest';
import { configOf } from './config.js';
import { deliverToSink, type SinkPorts } from './sink.js';

const calls: string[] = [];
const ports: SinkPorts = {
  env: { HOOK_TOKEN: 'tok' },
  alertSinks: async (target) => (
    calls.push(`alerts ${target.configFile} ${target.category}`),
    { sink: 'alert_sinks', ok: true, detail: 'sent' }
  ),
  command: async (argv, text) => (
    calls.push(`command ${argv.join(' ')} ${text.trim()}`),
    { sink: 'command', ok: true, detail: 'exit 0' }
  ),
  webhook: async (url, _text, o) => (
    calls.push(`webhook ${url} ${o.token}${o.key === undefined ? '' : ` key=${o.key}`}`),
    { sink: 'webhook', ok: true, detail: 'HTTP 200' }
  ),
};
const sinkOf = (sink: object) => configOf({ sink } as never).sink;

describe('deliverToSink', () => {
  it('prefers the alert sink catalog over a command and a webhook', async () => {
    calls.length = 0;
    await deliverToSink(
      sinkOf({ alert_config_file: 's.json', command: ['x'], webhook: 'http://h' }),
      {},
      ports,
    );
    expect(calls).toEqual(['alerts s.json harness_escalation']);
  });

  it('gives a command the payload as one JSON line, and a webhook the token from the env', async () => {
    calls.length = 0;
    await deliverToSink(sinkOf({ command: ['notify', '-q'] }), { task_id: 't' }, ports);
    await deliverToSink(sinkOf({ webhook: 'http://h', token_env: 'HOOK_TOKEN' }), {}, ports);
    expect(calls).toEqual(['command notify -q {"task_id":"t"}', 'webhook http://h tok']);
  });

  it("gives a webhook the payload's idempotency key, so a retried ESCALATE carries the same one", async () => {
    calls.length = 0;
    const payload = { task_id: 't', idempotency_key: 'harness-escalate:t:2' };
    await deliverToSink(sinkOf({ webhook: 'http://h', token_env: 'HOOK_TOKEN' }), payload, ports);
    expect(calls).toEqual(['webhook http://h tok key=harness-escalate:t:2']);
  });

  it('without any sink configured, fails the delivery and says what to configure', async () => {
    const d = await deliverToSink(sinkOf({}), {}, ports);
    expect(d).toMatchObject({ sink: 'none', ok: false });
    expect(d.detail).toContain('sink.command or sink.webhook');
  });
});
