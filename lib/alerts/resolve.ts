// Route resolution over a validated catalog: which sinks an escalation category goes to, at which
// severity, and whether it clears the route's minimum. Output keys are the reference's, so dispatch
// telemetry embeds the same `route` object. One deliberate difference: a route with `"enabled": false`
// is skipped (the reference's `(.enabled // true) == true` reads false as true).
import * as E from 'fp-ts/lib/Either.js';
import type { AlertSinkConfig, SinkDef } from './config.js';
import { alt, type JsonObject } from './json.js';
import { isSeverity, severityRank, SEVERITY_CHOICES, type Severity } from './severity.js';

/** A sink as the resolver reports it: the reference's `selectedSinks` entry. */
export interface ResolvedSink {
  readonly id: string;
  readonly type: string;
  readonly enabled: boolean;
  readonly timeoutSeconds: number;
  readonly secretRefs: Readonly<Record<string, string | null>>;
  readonly config: Readonly<Record<string, unknown>>;
}

export interface RouteResolution {
  readonly schemaVersion: 'v1';
  readonly sourceFile: string;
  readonly category: string;
  readonly eventSeverity: Severity;
  readonly categoryMappedSeverity?: Severity;
  readonly minSeverity: Severity;
  readonly shouldDispatch: boolean;
  readonly route?: JsonObject;
  readonly selectedSinks: readonly ResolvedSink[];
  readonly dispatchableSinks: readonly ResolvedSink[];
  readonly envStatus: Readonly<Record<string, { present: boolean }>>;
  readonly validation: { readonly envCheckEnabled: boolean };
}

/** Pure: the env var names a sink reads its secrets from (webhook URL and token, Slack URL, routing key). */
export const secretEnvRefs = (s: SinkDef): string[] => {
  if (s.type === 'webhook') {
    const token = alt(s.raw['authTokenEnv'], null);
    return [s.raw['urlEnv'] as string, ...(typeof token === 'string' ? [token] : [])];
  }
  return [(s.type === 'slack' ? s.raw['webhookUrlEnv'] : s.raw['routingKeyEnv']) as string];
};

const sortedUnique = (xs: readonly string[]): string[] =>
  [...new Set(xs)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));

/** Pure: every secret env ref of the catalog (or of its enabled sinks only), sorted, without duplicates. */
export const envRefsOf = (c: AlertSinkConfig, enabledOnly: boolean): string[] =>
  sortedUnique(c.sinks.filter((s) => !enabledOnly || s.enabled).flatMap(secretEnvRefs));

/** Pure: `{NAME: {present}}` for every secret env ref; present means set and non-empty. */
export const envStatusOf = (
  c: AlertSinkConfig,
  isSet: (name: string) => boolean,
): Record<string, { present: boolean }> =>
  Object.fromEntries(envRefsOf(c, false).map((n) => [n, { present: isSet(n) }]));

/** Pure: the enabled sinks' env refs that are unset (what the reference's env check refuses). */
export const missingEnabledSecrets = (c: AlertSinkConfig, isSet: (name: string) => boolean): string[] =>
  envRefsOf(c, true).filter((n) => !isSet(n));

const secretRefsOf = (s: SinkDef): Record<string, string | null> => {
  if (s.type === 'webhook')
    return {
      urlEnv: s.raw['urlEnv'] as string,
      authTokenEnv: alt(s.raw['authTokenEnv'], null) as string | null,
    };
  if (s.type === 'slack') return { webhookUrlEnv: s.raw['webhookUrlEnv'] as string };
  return { routingKeyEnv: s.raw['routingKeyEnv'] as string };
};

const configOf = (s: SinkDef): Record<string, unknown> => {
  const r = s.raw;
  if (s.type === 'webhook') return { headers: alt(r['headers'], {}) };
  if (s.type === 'slack')
    return {
      channel: alt(r['channel'], null),
      username: alt(r['username'], null),
      iconEmoji: alt(r['iconEmoji'], null),
    };
  const pd: Record<string, unknown> = {
    source: alt(r['source'], 'superloop-ops-manager'),
    component: alt(r['component'], null),
    group: alt(r['group'], null),
    class: alt(r['class'], null),
  };
  // Not in the reference: lets an operator point at a regional Events API (events.eu.pagerduty.com).
  if (typeof r['eventsUrl'] === 'string') pd['eventsUrl'] = r['eventsUrl'];
  return pd;
};

/** Pure: a sink as the resolver reports it. */
export const resolvedSink = (s: SinkDef): ResolvedSink => ({
  id: s.id,
  type: s.type,
  enabled: s.enabled,
  timeoutSeconds: alt(s.raw['timeoutSeconds'], 5) as number,
  secretRefs: secretRefsOf(s),
  config: configOf(s),
});

export interface RouteQuery {
  readonly category: string;
  /** The escalation's own severity (or --severity); null to use the category mapping. */
  readonly severity: string | null;
  readonly sourceFile: string;
  readonly envStatus: Readonly<Record<string, { present: boolean }>>;
  readonly envCheckEnabled: boolean;
}

/** Pure: resolves a category's route; Left is the reference's error line for an invalid severity. */
export const resolveRoute = (c: AlertSinkConfig, q: RouteQuery): E.Either<string, RouteResolution> => {
  if (q.severity !== null && !isSeverity(q.severity)) return E.left(SEVERITY_CHOICES);
  const route = c.routes.find((r) => r.category === q.category && r.enabled);
  const ids = route !== undefined && route.sinks.length > 0 ? route.sinks : c.defaultSinks;
  const minSeverity = alt(route?.raw['minSeverity'], c.defaultMinSeverity) as Severity;
  const mapped = Object.hasOwn(c.categorySeverity, q.category) ? c.categorySeverity[q.category] : undefined;
  const eventSeverity = (q.severity ?? mapped ?? minSeverity) as Severity;
  const selected = ids.flatMap((id) => {
    const s = c.sinks.find((x) => x.id === id);
    return s === undefined ? [] : [resolvedSink(s)];
  });
  const shouldDispatch = severityRank(eventSeverity) >= severityRank(minSeverity);
  return E.right({
    schemaVersion: 'v1',
    sourceFile: q.sourceFile,
    category: q.category,
    eventSeverity,
    ...(mapped === undefined ? {} : { categoryMappedSeverity: mapped }),
    minSeverity,
    shouldDispatch,
    ...(route === undefined ? {} : { route: route.raw }),
    selectedSinks: selected,
    dispatchableSinks: shouldDispatch ? selected.filter((s) => s.enabled) : [],
    envStatus: q.envStatus,
    validation: { envCheckEnabled: q.envCheckEnabled },
  });
};

/** Pure: the resolver's answer without --category: the catalog, its sinks and their secret refs. */
export const catalogSummary = (
  c: AlertSinkConfig,
  q: Pick<RouteQuery, 'sourceFile' | 'envStatus' | 'envCheckEnabled'>,
) => {
  const sinks = c.sinks.map((s) => {
    const r = resolvedSink(s);
    return {
      id: r.id,
      enabled: r.enabled,
      type: r.type,
      timeoutSeconds: r.timeoutSeconds,
      secretRefs: r.secretRefs,
    };
  });
  return {
    schemaVersion: 'v1',
    sourceFile: q.sourceFile,
    defaultMinSeverity: c.defaultMinSeverity,
    sinks,
    enabledSinkCount: sinks.filter((s) => s.enabled).length,
    routing: alt(c.raw['routing'], {}),
    envStatus: q.envStatus,
    validation: { envCheckEnabled: q.envCheckEnabled },
  };
};

/** Pure: the `--list-sinks` lines: id, type and enabled flag, tab-separated. */
export const sinkListLines = (c: AlertSinkConfig): string =>
  c.sinks.map((s) => `${s.id}\t${s.type}\t${String(s.raw['enabled'])}\n`).join('');
