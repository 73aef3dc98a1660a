// Sending an ESCALATE to the sink lib/harness/sink.ts picks: the alert sink catalog, a command that
// reads the payload as JSON on stdin (argv, no shell), or a webhook POST with the payload's idempotency key
// as `Idempotency-Key`. INFO and WARN never come here.
import { spawn } from 'node:child_process';
import type { HarnessConfig } from '../../lib/harness/config.js';
import type { JsonObject } from '../../lib/alerts/json.js';
import { deliverToAlertSinks } from './alert-sink.js';
import type { DeliveryResult } from '../../lib/harness/escalation.js';
import { deliverToSink } from '../../lib/harness/sink.js';

const runCommand = (
  argv: readonly string[],
  payload: string,
  timeoutMs: number,
  cwd: string,
): Promise<DeliveryResult> =>
  new Promise((resolveResult) => {
    const [cmd, ...args] = argv;
    if (cmd === undefined)
      return resolveResult({ sink: 'command', ok: false, detail: 'sink command is empty' });
    const child = spawn(cmd, args, { cwd, stdio: ['pipe', 'ignore', 'pipe'], timeout: timeoutMs });
    let stderr = '';
    child.stderr.on('data', (b: Buffer) => (stderr += b.toString('utf8')));
    child.on('error', (err) => resolveResult({ sink: 'command', ok: false, detail: err.message }));
    child.on('close', (code, signal) => {
      const first = stderr.split('\n')[0] ?? '';
      const how = signal !== null ? `killed by ${signal}` : `exit ${code}`;
      resolveResult({ sink: 'command', ok: code === 0, detail: first === '' ? how : `${how}: ${first}` });
    });
    child.stdin.on('error', () => undefined);
    child.stdin.end(payload);
  });

const postWebhook = async (
  url: string,
  payload: string,
  o: { readonly token: string | undefined; readonly timeoutMs: number; readonly key?: string },
): Promise<DeliveryResult> => {
  const { token, timeoutMs, key } = o;
  try {
    const res = await fetch(url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...(key === undefined ? {} : { 'idempotency-key': key }),
      },
      body: payload,
      signal: AbortSignal.timeout(timeoutMs),
    });
    return { sink: 'webhook', ok: res.ok, detail: `HTTP ${res.status}` };
  } catch (err) {
    return { sink: 'webhook', ok: false, detail: (err as Error).message };
  }
};

/** Hands one ESCALATE payload to the configured sink; a command runs in `cwd` (the workspace root). */
export const deliver = (
  sink: HarnessConfig['sink'],
  payload: unknown,
  env: NodeJS.ProcessEnv,
  cwd: string,
): Promise<DeliveryResult> =>
  deliverToSink(sink, payload, {
    env,
    alertSinks: (target, p) => deliverToAlertSinks(target, p as JsonObject, env, cwd),
    command: (argv, text, timeoutMs) => runCommand(argv, text, timeoutMs, cwd),
    webhook: (url, text, o) => postWebhook(url, text, o),
  });
