// Which sink an ESCALATE goes to (seed 004 §2.3: the only alert class that reaches the chair): the alert
// sink catalog when one is configured (sink.alert_config_file), else a command that reads the payload as
// JSON on stdin, else a webhook POST. The sending itself is the runner's (ports); secrets (the webhook
// token) are looked up in the environment here and never logged or written.
import type { HarnessConfig } from './config.js';
import type { DeliveryResult } from './escalation.js';

export interface SinkPorts {
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Routes and sends the payload through the alert sink catalog. */
  readonly alertSinks: (
    target: { readonly configFile: string; readonly category: string },
    payload: unknown,
  ) => Promise<DeliveryResult>;
  /** Runs argv (no shell) with `text` on stdin. */
  readonly command: (argv: readonly string[], text: string, timeoutMs: number) => Promise<DeliveryResult>;
  /** POSTs `text` as JSON, with a bearer token when one is given and the key as `Idempotency-Key`. */
  readonly webhook: (
    url: string,
    text: string,
    o: { readonly token: string | undefined; readonly timeoutMs: number; readonly key?: string },
  ) => Promise<DeliveryResult>;
}

/** Hands one ESCALATE payload to the configured sink. */
export const deliverToSink = (
  sink: HarnessConfig['sink'],
  payload: unknown,
  ports: SinkPorts,
): Promise<DeliveryResult> => {
  const text = `${JSON.stringify(payload)}\n`;
  if (sink.alertConfigFile !== null)
    return ports.alertSinks({ configFile: sink.alertConfigFile, category: sink.alertCategory }, payload);
  if (sink.command !== null) return ports.command(sink.command, text, sink.timeoutMs);
  if (sink.webhook !== null) {
    const token = sink.tokenEnv === null ? undefined : ports.env[sink.tokenEnv];
    const key = (payload as { idempotency_key?: unknown } | null)?.idempotency_key;
    const keyed = typeof key === 'string' ? { key } : {};
    return ports.webhook(sink.webhook, text, { token, timeoutMs: sink.timeoutMs, ...keyed });
  }
  return Promise.resolve({
    sink: 'none',
    ok: false,
    detail: 'no sink configured (harness.config.json sink.alert_config_file, sink.command or sink.webhook)',
  });
};
