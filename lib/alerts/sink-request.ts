// The request one sink gets for one alert, built without sending it: the sink as route resolution
// handed it over, the secrets it names looked up in the environment (passed in as a lookup, so this
// stays pure), the body the sink type expects and the headers. What cannot be built (a secret unset, an
// unknown type) is the sink's result already.
import { isObject } from './json.js';
import {
  PAGERDUTY_EVENTS_URL,
  pagerdutyPayload,
  slackPayload,
  webhookPayload,
  type AlertContext,
} from './payloads.js';
import { failed, type SinkResult } from './sink-result.js';

/** A sink as dispatch receives it from route resolution. */
export interface DispatchSink {
  readonly id: string;
  readonly type: string;
  readonly timeoutSeconds: number;
  readonly secretRefs: Readonly<Record<string, unknown>>;
  readonly config: Readonly<Record<string, unknown>>;
}

/** A sink entry the resolver handed over that is not a sink: only its id (or 'unknown') is known. */
export interface MalformedSink {
  readonly malformed: true;
  readonly id: string;
}

/** One JSON POST, with a deadline for the whole exchange. */
export interface HttpRequest {
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
  readonly timeoutMs: number;
}

/** The request and the secrets to redact from whatever comes back, or the result when none can be built. */
export type BuiltRequest =
  { readonly request: HttpRequest; readonly secrets: readonly string[] } | { readonly result: SinkResult };

/** An environment variable's value ('' when unset). */
export type EnvLookup = (name: string) => string | undefined;

/** Pure: a resolver's sink entry as a DispatchSink, or null when it is not one (an external resolver's bug). */
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

/** Pure: a resolver's sink entry, decoded once where the route is read. */
export const sinkOf = (v: unknown): DispatchSink | MalformedSink =>
  asDispatchSink(v) ?? {
    malformed: true,
    id: isObject(v) && typeof v['id'] === 'string' ? v['id'] : 'unknown',
  };

const secretOf = (env: EnvLookup, ref: unknown): string =>
  typeof ref === 'string' && ref !== '' ? (env(ref) ?? '') : '';

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

/** Pure: the request `sink` gets for `alert`, with `dedupeKey` as its Idempotency-Key header. */
export const buildRequest = (
  sink: DispatchSink,
  alert: AlertContext,
  dedupeKey: string,
  env: EnvLookup,
): BuiltRequest => {
  const built = buildFor(sink, alert, env);
  if ('result' in built) return built;
  const headers = { ...built.request.headers, 'Idempotency-Key': dedupeKey };
  return { request: { ...built.request, headers }, secrets: built.secrets };
};

const buildFor = (sink: DispatchSink, alert: AlertContext, env: EnvLookup): BuiltRequest => {
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
