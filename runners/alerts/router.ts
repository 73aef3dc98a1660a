// Routing one escalation: in-process over the loaded catalog, or, when OPS_MANAGER_ALERT_SINK_CONFIG_SCRIPT
// names a resolver (the reference's override), by running it; lib/alerts/route decides from either.
import { spawn } from 'node:child_process';
import type * as E from 'fp-ts/lib/Either.js';
import type { AlertSinkConfig, ConfigProblem } from '../../lib/alerts/config.js';
import type { Escalation } from '../../lib/alerts/escalation.js';
import { resolverArgs, routeFromResolver, routeIn, type Routed } from '../../lib/alerts/route.js';
import type { DispatchOptions } from './dispatch-options.js';
import { configPathOf, isSetIn, loadConfig } from './load-config.js';

export type { Routed };
export type Router = (e: Escalation) => Promise<Routed>;

const RESOLVER_ENV = 'OPS_MANAGER_ALERT_SINK_CONFIG_SCRIPT';

/** Routes over the catalog loaded once for the run (a catalog problem fails every row's routing). */
export const inProcessRouter =
  (loaded: E.Either<ConfigProblem, AlertSinkConfig>, sourceFile: string, env: NodeJS.ProcessEnv): Router =>
  async (e) =>
    routeIn({ loaded, sourceFile, isSet: isSetIn(env) }, e);

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
    const { code, out } = await run(script, resolverArgs(configFile, e), env);
    return routeFromResolver(code, out);
  };

/** The router of a pass: the operator's resolver script when one is named, else the catalog, loaded once. */
export const routerOf = (o: Pick<DispatchOptions, 'env' | 'alertConfigFile' | 'cwd'>): Router => {
  const script = o.env[RESOLVER_ENV];
  const explicit = o.alertConfigFile ?? o.env['OPS_MANAGER_ALERT_SINKS_FILE'];
  if (script !== undefined && script !== '')
    return scriptRouter(script, explicit === undefined || explicit === '' ? null : explicit, o.env);
  const sourceFile = configPathOf(o.alertConfigFile, o.env);
  let loaded: ReturnType<typeof loadConfig> | null = null;
  const inner = async () =>
    inProcessRouter(await (loaded ??= loadConfig(sourceFile, o.cwd)), sourceFile, o.env);
  return async (e) => (await inner())(e);
};
