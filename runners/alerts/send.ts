// Delivering one alert to one sink: build the request (lib/alerts/sink-request), send it with bounded
// retries and exponential backoff (sleep injected), and report the result in the reference's shape
// with every secret redacted.
import {
  backoffMs,
  classifyOutcome,
  excerpt,
  failed,
  type SinkResult,
} from '../../lib/alerts/sink-result.js';
import { buildRequest, type DispatchSink } from '../../lib/alerts/sink-request.js';
import type { AlertContext } from '../../lib/alerts/payloads.js';
import type { Transport } from './http.js';

// The harness's escalation sink still reaches the dispatch sink through here; it moves to lib/alerts
// when the harness domain is migrated.
export { asDispatchSink } from '../../lib/alerts/sink-request.js';

export interface SendDeps {
  readonly env: NodeJS.ProcessEnv;
  readonly transport: Transport;
  readonly sleep: (ms: number) => Promise<void>;
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
  deps: SendDeps,
): Promise<Sent> => {
  const built = buildRequest(sink, alert, dedupeKey, (name) => deps.env[name]);
  if ('result' in built) return { result: built.result, attempts: 0 };
  const attempts = Math.max(1, deps.retryAttempts);
  for (let n = 1; ; n += 1) {
    if (n > 1) await deps.sleep(backoffMs(deps.retryBackoffSeconds, n));
    let outcome: unknown;
    try {
      outcome = await deps.transport(built.request);
    } catch (err) {
      const message = excerpt(err instanceof Error ? err.message : String(err), built.secrets);
      return { result: { ...failed('sink_dispatch_failed', message) }, attempts: n };
    }
    const c = classifyOutcome(outcome, built.secrets);
    if (c.result.status === 'success' || !c.retryable || n >= attempts)
      return { result: c.result, attempts: n };
  }
};
