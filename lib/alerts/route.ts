// Routing one escalation, as a decision: over the catalog loaded for the run, or from what an external
// resolver (the reference's OPS_MANAGER_ALERT_SINK_CONFIG_SCRIPT) printed. A resolver that fails is
// `route_resolution_failed`; one that answers with anything but a JSON object is
// `invalid_route_resolution`.
import * as E from 'fp-ts/lib/Either.js';
import { parseJson } from '../core/codec.js';
import type { AlertSinkConfig, ConfigProblem } from './config.js';
import type { Escalation } from './escalation.js';
import { isObject, type JsonObject } from './json.js';
import { envStatusOf, resolveRoute } from './resolve.js';
import { isSeverity, SEVERITY_CHOICES } from './severity.js';
import { sinkOf, type DispatchSink, type MalformedSink } from './sink-request.js';

export type Routed =
  | {
      readonly kind: 'route_failed';
      readonly message: string;
      /** False when the row itself is at fault (its severity), so no later run can route it either. */
      readonly retryable: boolean;
    }
  | { readonly kind: 'invalid_route'; readonly raw: string }
  | {
      readonly kind: 'routed';
      readonly route: JsonObject;
      readonly severity: string;
      readonly shouldDispatch: boolean;
      readonly sinks: readonly (DispatchSink | MalformedSink)[];
    };

/** The catalog as loaded for the run (a problem fails every row's routing), where it came from, and the env. */
export interface Catalog {
  readonly loaded: E.Either<ConfigProblem, AlertSinkConfig>;
  readonly sourceFile: string;
  readonly isSet: (name: string) => boolean;
}

/** Pure: the route of `e` over the catalog. */
export const routeIn = (c: Catalog, e: Escalation): Routed => {
  if (e.severity !== null && !isSeverity(e.severity))
    return { kind: 'route_failed', message: `error: ${SEVERITY_CHOICES}`, retryable: false };
  if (E.isLeft(c.loaded))
    return { kind: 'route_failed', message: `error: ${c.loaded.left.errorLine}`, retryable: true };
  const envStatus = envStatusOf(c.loaded.right, c.isSet);
  const q = {
    category: e.category,
    severity: e.severity,
    sourceFile: c.sourceFile,
    envStatus,
    envCheckEnabled: true,
  };
  const r = resolveRoute(c.loaded.right, q);
  if (E.isLeft(r)) return { kind: 'route_failed', message: `error: ${r.left}`, retryable: false };
  const route = r.right;
  return {
    kind: 'routed',
    route: route as unknown as JsonObject,
    severity: route.eventSeverity,
    shouldDispatch: route.shouldDispatch,
    sinks: route.dispatchableSinks.map(sinkOf),
  };
};

/** Pure: the resolver's arguments for `e` (the reference's). */
export const resolverArgs = (configFile: string | null, e: Escalation): string[] => [
  ...(configFile === null ? [] : ['--config-file', configFile]),
  '--category',
  e.category,
  ...(e.severity === null ? [] : ['--severity', e.severity]),
];

const flat = (text: string): string => text.replace(/\n/g, ' ').slice(0, 300);

/** Pure: the route an external resolver answered with its exit code and output (stdout and stderr). */
export const routeFromResolver = (code: number, out: string): Routed => {
  if (code !== 0) return { kind: 'route_failed', message: flat(out.replace(/\n+$/, '')), retryable: true };
  const parsed = parseJson(out);
  if (E.isLeft(parsed) || !isObject(parsed.right))
    return { kind: 'invalid_route', raw: out.replace(/\n+$/, '') };
  const route = parsed.right;
  const severity = isSeverity(route['eventSeverity']) ? route['eventSeverity'] : 'warning';
  const sinks = Array.isArray(route['dispatchableSinks']) ? route['dispatchableSinks'].map(sinkOf) : [];
  return { kind: 'routed', route, severity, shouldDispatch: route['shouldDispatch'] === true, sinks };
};
