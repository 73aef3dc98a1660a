// Delivering one alert to one sink: build the request (sink-request), send it through the transport
// with bounded retries and exponential backoff (sleep injected), and report the result in the
// reference's shape with every secret redacted.
import type { AlertContext } from './payloads.js';
import type { Env, Sleep, Transport } from './ports.js';
import { buildRequest, type DispatchSink } from './sink-request.js';
import { backoffMs, classifyOutcome, excerpt, failed, type SinkResult } from './sink-result.js';

export interface SendPorts {
  readonly env: Env;
  readonly transport: Transport;
  readonly sleep: Sleep;
  readonly retryAttempts: number;
  readonly retryBackoffSeconds: number;
}

export interface Sent {
  readonly result: SinkResult;
  readonly attempts: number;
}

/**
 * Sends `alert` to `sink`, retrying timeouts, refused connections, 408, 429 and 5xx up to
 * `retryAttempts` times. `dedupeKey` goes out as the Idempotency-Key header so a receiver can drop the
 * one duplicate a crash between its answer and our ledger write can cause.
 */
export const sendToSink = async (
  sink: DispatchSink,
  alert: AlertContext,
  dedupeKey: string,
  ports: SendPorts,
): Promise<Sent> => {
  const built = buildRequest(sink, alert, dedupeKey, (name) => ports.env[name]);
  if ('result' in built) return { result: built.result, attempts: 0 };
  const attempts = Math.max(1, ports.retryAttempts);
  for (let n = 1; ; n += 1) {
    if (n > 1) await ports.sleep(backoffMs(ports.retryBackoffSeconds, n));
    let outcome: unknown;
    try {
      outcome = await ports.transport(built.request);
    } catch (err) {
      const message = excerpt(err instanceof Error ? err.message : String(err), built.secrets);
      return { result: { ...failed('sink_dispatch_failed', message) }, attempts: n };
    }
    const c = classifyOutcome(outcome, built.secrets);
    if (c.result.status === 'success' || !c.retryable || n >= attempts)
      return { result: c.result, attempts: n };
  }
};
