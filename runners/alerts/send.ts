// Delivering one alert to one sink: read the sink's secrets from the environment, build the request the
// sink type expects, send it with bounded retries and exponential backoff (sleep injected), and report
// the result in the reference's shape with every secret redacted.
import { isObject } from '../../lib/alerts/json.js';
import {
  PAGERDUTY_EVENTS_URL,
  pagerdutyPayload,
  slackPayload,
  webhookPayload,
  type AlertContext,
} from '../../lib/alerts/payloads.js';
import {
  backoffMs,
  classifyOutcome,
  excerpt,
  failed,
  type SinkResult,
} from '../../lib/alerts/sink-result.js';
import type { HttpRequest, Transport } from './http.js';

/** A sink as dispatch receives it from route resolution. */
export interface DispatchSink {
  readonly id: string;
  readonly type: string;
  readonly timeoutSeconds: number;
  readonly secretRefs: Readonly<Record<string, unknown>>;
  readonly config: Readonly<Record<string, unknown>>;
}

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

type Built = { readonly request: HttpRequest; readonly secrets: string[] } | { readonly result: SinkResult };

/** A resolver's sink entry as a DispatchSink, or null when it is not one (an external resolver's bug). */
export const asDispatchSink = (v: unknown): DispatchSink | null => {
  if (!isObject(v) || typeof v['id'] !== 'string' || typeof v['type'] !== 'string') return null;
  const timeout = typeof v['timeoutSeconds'] === 'number' ? v['timeoutSeconds'] : 5;
  return {
    id: v['id'],
    type: v['type'],
    timeoutSeconds: timeout,
    secretRefs: isObject(v['secretRefs']) ? v['secretRefs'] : {},
    config: isObject(v['config']) ? v['config'] : {},
  };
};

const secretOf = (env: NodeJS.ProcessEnv, ref: unknown): string =>
  typeof ref === 'string' && ref !== '' ? (env[ref] ?? '') : '';

const post = (url: string, body: unknown, sink: DispatchSink, headers: Record<string, string>) => ({
  url,
  body: JSON.stringify(body),
  timeoutMs: sink.timeoutSeconds * 1000,
  headers: { 'Content-Type': 'application/json', ...headers },
});

const webhookHeaders = (sink: DispatchSink, token: string): Record<string, string> => {
  const extra = isObject(sink.config['headers']) ? sink.config['headers'] : {};
  const custom = Object.fromEntries(Object.entries(extra).filter(([, v]) => typeof v === 'string')) as Record<
    string,
    string
  >;
  return { ...(token === '' ? {} : { Authorization: `Bearer ${token}` }), ...custom };
};

const build = (sink: DispatchSink, alert: AlertContext, env: NodeJS.ProcessEnv): Built => {
  const refs = sink.secretRefs;
  if (sink.type === 'webhook') {
    const url = secretOf(env, refs['urlEnv']);
    if (url === '') return { result: failed('missing_secret', 'webhook url env is unset') };
    const token = secretOf(env, refs['authTokenEnv']);
    const body = webhookPayload(alert, sink);
    return { request: post(url, body, sink, webhookHeaders(sink, token)), secrets: [url, token] };
  }
  if (sink.type === 'slack') {
    const url = secretOf(env, refs['webhookUrlEnv']);
    if (url === '') return { result: failed('missing_secret', 'slack webhook env is unset') };
    return { request: post(url, slackPayload(alert, sink.config), sink, {}), secrets: [url] };
  }
  if (sink.type === 'pagerduty_events') {
    const key = secretOf(env, refs['routingKeyEnv']);
    if (key === '') return { result: failed('missing_secret', 'pagerduty routing key env is unset') };
    const url =
      typeof sink.config['eventsUrl'] === 'string' ? sink.config['eventsUrl'] : PAGERDUTY_EVENTS_URL;
    return { request: post(url, pagerdutyPayload(alert, sink.config, key), sink, {}), secrets: [key] };
  }
  return { result: failed('unsupported_sink_type', `unsupported sink type: ${sink.type}`) };
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
  deps: SendDeps,
): Promise<Sent> => {
  const built = build(sink, alert, deps.env);
  if ('result' in built) return { result: built.result, attempts: 0 };
  const request = { ...built.request, headers: { ...built.request.headers, 'Idempotency-Key': dedupeKey } };
  const attempts = Math.max(1, deps.retryAttempts);
  for (let n = 1; ; n += 1) {
    if (n > 1) await deps.sleep(backoffMs(deps.retryBackoffSeconds, n));
    let outcome: unknown;
    try {
      outcome = await deps.transport(request);
    } catch (err) {
      const message = excerpt(err instanceof Error ? err.message : String(err), built.secrets);
      return { result: { ...failed('sink_dispatch_failed', message) }, attempts: n };
    }
    const c = classifyOutcome(outcome, built.secrets);
    if (c.result.status === 'success' || !c.retryable || n >= attempts)
      return { result: c.result, attempts: n };
  }
};
