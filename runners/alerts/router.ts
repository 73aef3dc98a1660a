// Routing one escalation: in-process over the loaded catalog, or, when OPS_MANAGER_ALERT_SINK_CONFIG_SCRIPT
// names a resolver (the reference's override), by running it and reading its JSON. A resolver that
// fails is `route_resolution_failed`; one that answers with anything but a JSON object is
// `invalid_route_resolution`.
import { spawn } from 'node:child_process';
import * as E from 'fp-ts/lib/Either.js';
import type { AlertSinkConfig, ConfigProblem } from '../../lib/alerts/config.js';
import type { Escalation } from '../../lib/alerts/escalation.js';
import { isObject, type JsonObject } from '../../lib/alerts/json.js';
import { envStatusOf, resolveRoute } from '../../lib/alerts/resolve.js';
import { isSeverity, SEVERITY_CHOICES } from '../../lib/alerts/severity.js';
import { parseJson } from '../../lib/core/codec.js';
import { isSetIn } from './load-config.js';

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
      readonly sinks: readonly unknown[];
    };

export type Router = (e: Escalation) => Promise<Routed>;

export const RESOLVER_ENV = 'OPS_MANAGER_ALERT_SINK_CONFIG_SCRIPT';

/** Routes over the catalog loaded once for the run (a catalog problem fails every row's routing). */
export const inProcessRouter =
  (loaded: E.Either<ConfigProblem, AlertSinkConfig>, sourceFile: string, env: NodeJS.ProcessEnv): Router =>
  async (e) => {
    if (e.severity !== null && !isSeverity(e.severity))
      return { kind: 'route_failed', message: `error: ${SEVERITY_CHOICES}`, retryable: false };
    if (E.isLeft(loaded))
      return { kind: 'route_failed', message: `error: ${loaded.left.errorLine}`, retryable: true };
    const envStatus = envStatusOf(loaded.right, isSetIn(env));
    const q = { category: e.category, severity: e.severity, sourceFile, envStatus, envCheckEnabled: true };
    const r = resolveRoute(loaded.right, q);
    if (E.isLeft(r)) return { kind: 'route_failed', message: `error: ${r.left}`, retryable: false };
    const route = r.right;
    return {
      kind: 'routed',
      route: route as unknown as JsonObject,
      severity: route.eventSeverity,
      shouldDispatch: route.shouldDispatch,
      sinks: route.dispatchableSinks,
    };
  };

const flat = (text: string): string => text.replace(/\n/g, ' ').slice(0, 300);

const run = (
  script: string,
  args: string[],
  env: NodeJS.ProcessEnv,
): Promise<{ code: number; out: string }> =>
  new Promise((resolve) => {
    let out = '';
    const child = spawn(script, args, { env, stdio: ['ignore', 'pipe', 'pipe'], timeout: 30_000 });
    child.stdout.on('data', (c: Buffer) => (out += c.toString('utf8')));
    child.stderr.on('data', (c: Buffer) => (out += c.toString('utf8')));
    child.on('error', (err) => resolve({ code: 127, out: `${out}${err.message}` }));
    child.on('close', (code) => resolve({ code: code ?? 1, out }));
  });

/** Routes by running an external resolver with the reference's arguments. */
export const scriptRouter =
  (script: string, configFile: string | null, env: NodeJS.ProcessEnv): Router =>
  async (e) => {
    const args = [
      ...(configFile === null ? [] : ['--config-file', configFile]),
      '--category',
      e.category,
      ...(e.severity === null ? [] : ['--severity', e.severity]),
    ];
    const { code, out } = await run(script, args, env);
    if (code !== 0) return { kind: 'route_failed', message: flat(out.replace(/\n+$/, '')), retryable: true };
    const parsed = parseJson(out);
    if (E.isLeft(parsed) || !isObject(parsed.right))
      return { kind: 'invalid_route', raw: out.replace(/\n+$/, '') };
    const route = parsed.right;
    const severity = isSeverity(route['eventSeverity']) ? route['eventSeverity'] : 'warning';
    const sinks = Array.isArray(route['dispatchableSinks']) ? route['dispatchableSinks'] : [];
    return { kind: 'routed', route, severity, shouldDispatch: route['shouldDispatch'] === true, sinks };
  };
