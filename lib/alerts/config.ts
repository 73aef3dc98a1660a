// The alert sink catalog (config/ops-manager-alert-sinks.v1.json), validated fail-closed in the
// reference's three stages: top-level shape, sink definitions, routing. Each stage fails with the
// reference's own error line; opsfold adds the JSON path of the first offending field as detail.
// Law: validateConfig accepts exactly the documents the reference's jq checks accept, except that
// a route's `sinks` must be an array (the reference also iterates an object's values) and env var
// names may not contain a newline.
import * as E from 'fp-ts/lib/Either.js';
import { alt, isObject, own, type JsonObject } from './json.js';
import { isSeverity, type Severity } from './severity.js';

export const SINK_TYPES = ['webhook', 'slack', 'pagerduty_events'] as const;
export type SinkType = (typeof SINK_TYPES)[number];

export const CONFIG_ERRORS = {
  shape: 'alert sink config has invalid top-level shape',
  sinks: 'alert sink config sink definitions are invalid',
  routing: 'alert sink config routing is invalid',
} as const;

export interface SinkDef {
  readonly id: string;
  readonly type: SinkType;
  readonly enabled: boolean;
  readonly raw: JsonObject;
}

export interface RouteDef {
  readonly raw: JsonObject;
  readonly category: string;
  /** False only when the file says `"enabled": false` (the reference's `// true` reads that as true). */
  readonly enabled: boolean;
  readonly sinks: readonly string[];
}

export interface AlertSinkConfig {
  readonly raw: JsonObject;
  readonly defaultMinSeverity: Severity;
  readonly sinks: readonly SinkDef[];
  readonly defaultSinks: readonly string[];
  readonly categorySeverity: Readonly<Record<string, Severity>>;
  readonly routes: readonly RouteDef[];
}

export interface ConfigProblem {
  readonly errorLine: string;
  readonly detail: string;
}

const ENV_REF = /^[A-Z_][A-Z0-9_]*$/;
/** Pure: a valid env var reference (upper case, digits, underscores). */
export const isEnvRef = (v: unknown): v is string => typeof v === 'string' && ENV_REF.test(v);

const topLevelProblem = (c: unknown): string | null => {
  if (!isObject(c)) return '$: expected an object';
  if (c['schemaVersion'] !== 'v1') return '$.schemaVersion: expected "v1"';
  if (!isSeverity(c['defaultMinSeverity'])) return '$.defaultMinSeverity: expected info, warning or critical';
  const sinks = c['sinks'];
  if (!isObject(sinks) || Object.keys(sinks).length === 0) return '$.sinks: expected a non-empty object';
  const routing = c['routing'];
  if (!isObject(routing)) return '$.routing: expected an object';
  if (!Array.isArray(alt(routing['defaultSinks'], null))) return '$.routing.defaultSinks: expected an array';
  if (!isObject(alt(routing['categorySeverity'], null)))
    return '$.routing.categorySeverity: expected an object';
  if (!Array.isArray(alt(routing['routes'], []))) return '$.routing.routes: expected an array';
  return null;
};

const headersOk = (h: unknown): boolean =>
  alt(h, null) === null || (isObject(h) && Object.values(h).every((v) => typeof v === 'string'));

const typeFieldsProblem = (s: JsonObject): string | null => {
  if (s['type'] === 'webhook') {
    if (!isEnvRef(s['urlEnv'])) return 'urlEnv: expected an env var name';
    if (alt(s['authTokenEnv'], null) !== null && !isEnvRef(s['authTokenEnv']))
      return 'authTokenEnv: expected an env var name';
    return headersOk(s['headers']) ? null : 'headers: expected an object of strings';
  }
  if (s['type'] === 'slack')
    return isEnvRef(s['webhookUrlEnv']) ? null : 'webhookUrlEnv: expected an env var name';
  return isEnvRef(s['routingKeyEnv']) ? null : 'routingKeyEnv: expected an env var name';
};

const sinkProblem = (s: unknown): string | null => {
  if (!isObject(s)) return 'expected an object';
  if (typeof s['enabled'] !== 'boolean') return 'enabled: expected a boolean';
  if (!(SINK_TYPES as readonly unknown[]).includes(s['type']))
    return 'type: expected webhook, slack or pagerduty_events';
  const timeout = alt(s['timeoutSeconds'], 5);
  if (!(typeof timeout === 'number' && timeout >= 1 && timeout <= 120))
    return 'timeoutSeconds: expected a number from 1 to 120';
  return typeFieldsProblem(s);
};

const sinksProblem = (sinks: JsonObject): string | null => {
  for (const [id, s] of Object.entries(sinks)) {
    const p = sinkProblem(s);
    if (p !== null) return `$.sinks[${JSON.stringify(id)}]${p.startsWith('expected') ? ': ' : '.'}${p}`;
  }
  return null;
};

const knownSink = (sinks: JsonObject) => (id: unknown) => typeof id === 'string' && isObject(own(sinks, id));

const routeProblem = (r: unknown, sinks: JsonObject): string | null => {
  if (!isObject(r)) return 'expected an object';
  if (!(typeof r['category'] === 'string' && r['category'].length > 0))
    return 'category: expected a non-empty string';
  if (typeof alt(r['enabled'], true) !== 'boolean') return 'enabled: expected a boolean';
  if (!isSeverity(alt(r['minSeverity'], 'warning'))) return 'minSeverity: expected info, warning or critical';
  const ids = alt(r['sinks'], []);
  if (!Array.isArray(ids) || !ids.every(knownSink(sinks))) return 'sinks: expected ids of defined sinks';
  return null;
};

const routingProblem = (routing: JsonObject, sinks: JsonObject): string | null => {
  const defaults = alt(routing['defaultSinks'], []) as unknown[];
  const badDefault = defaults.findIndex((id) => !knownSink(sinks)(id));
  if (badDefault >= 0) return `$.routing.defaultSinks[${badDefault}]: expected the id of a defined sink`;
  const routes = alt(routing['routes'], []) as unknown[];
  for (const [i, r] of routes.entries()) {
    const p = routeProblem(r, sinks);
    if (p !== null) return `$.routing.routes[${i}]${p.startsWith('expected') ? ': ' : '.'}${p}`;
  }
  const severities = alt(routing['categorySeverity'], {}) as JsonObject;
  const bad = Object.entries(severities).find(([, v]) => !isSeverity(v));
  return bad === undefined
    ? null
    : `$.routing.categorySeverity[${JSON.stringify(bad[0])}]: expected info, warning or critical`;
};

const typed = (c: JsonObject): AlertSinkConfig => {
  const sinks = c['sinks'] as JsonObject;
  const routing = c['routing'] as JsonObject;
  return {
    raw: c,
    defaultMinSeverity: c['defaultMinSeverity'] as Severity,
    sinks: Object.entries(sinks).map(([id, s]) => {
      const raw = s as JsonObject;
      return { id, type: raw['type'] as SinkType, enabled: raw['enabled'] === true, raw };
    }),
    defaultSinks: alt(routing['defaultSinks'], []) as string[],
    categorySeverity: alt(routing['categorySeverity'], {}) as Record<string, Severity>,
    routes: (alt(routing['routes'], []) as JsonObject[]).map((raw) => ({
      raw,
      category: raw['category'] as string,
      enabled: raw['enabled'] !== false,
      sinks: alt(raw['sinks'], []) as string[],
    })),
  };
};

/** Pure: validates a parsed catalog; Left names the failed stage (reference wording) and the field. */
export const validateConfig = (c: unknown): E.Either<ConfigProblem, AlertSinkConfig> => {
  const shape = topLevelProblem(c);
  if (shape !== null) return E.left({ errorLine: CONFIG_ERRORS.shape, detail: shape });
  const doc = c as JsonObject;
  const sinks = doc['sinks'] as JsonObject;
  const sinkP = sinksProblem(sinks);
  if (sinkP !== null) return E.left({ errorLine: CONFIG_ERRORS.sinks, detail: sinkP });
  const routeP = routingProblem(doc['routing'] as JsonObject, sinks);
  if (routeP !== null) return E.left({ errorLine: CONFIG_ERRORS.routing, detail: routeP });
  return E.right(typed(doc));
};
