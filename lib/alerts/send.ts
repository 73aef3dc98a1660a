// Delivering alerts to sinks: an alert to one sink is a message (lib/core/outbox) keyed by its dedupe
// key; the sink port builds its request (sink-request) when it is sent, posts it through the transport,
// and classifies the answer in the reference's shape with every secret redacted. Retries (timeouts,
// refused connections, 408, 429, 5xx) back off exponentially through the injected sleep.
import { sendMessage, type Message, type SendVia, type SinkPort } from '../core/outbox.js';
import type { AlertContext } from './payloads.js';
import type { Env, Sleep, Transport } from './ports.js';
import { buildRequest, type DispatchSink, type HttpRequest } from './sink-request.js';
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

/** An alert for one sink, stamped with its emission time when it is sent. */
export interface AlertPayload {
  readonly sink: DispatchSink;
  readonly alert: Omit<AlertContext, 'emittedAt'>;
}

/** A message to one sink; its key goes out as the Idempotency-Key header. */
export type AlertMessage = Message<AlertPayload>;

interface AlertRequest {
  readonly request: HttpRequest;
  readonly secrets: readonly string[];
}

/** The sink port and retry policy alerts are sent with; `emittedAt` stamps each message as it goes out. */
export const alertVia = (
  ports: SendPorts,
  emittedAt: () => string,
): SendVia<AlertPayload, AlertRequest, SinkResult> => {
  const port: SinkPort<AlertPayload, AlertRequest, SinkResult> = {
    prepare: ({ key, payload }) => {
      const alert = { ...payload.alert, emittedAt: emittedAt() };
      const built = buildRequest(payload.sink, alert, key, (name) => ports.env[name]);
      return 'result' in built ? built : { request: built };
    },
    attempt: async ({ request, secrets }) => {
      const c = classifyOutcome(await ports.transport(request), secrets);
      return { result: c.result, ok: c.result.status === 'success', retryable: c.retryable };
    },
    thrown: (err, { secrets }) =>
      failed('sink_dispatch_failed', excerpt(err instanceof Error ? err.message : String(err), secrets)),
  };
  const retry = {
    attempts: ports.retryAttempts,
    backoffMs: (n: number) => backoffMs(ports.retryBackoffSeconds, n),
    sleep: ports.sleep,
  };
  return { port, retry };
};

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
  const { emittedAt, ...unstamped } = alert;
  const message: AlertMessage = { key: dedupeKey, payload: { sink, alert: unstamped } };
  const sent = await sendMessage(
    message,
    alertVia(ports, () => emittedAt),
  );
  return { result: sent.result, attempts: sent.attempts };
};
