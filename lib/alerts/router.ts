// Routing one escalation: in-process over the loaded catalog, or, when OPS_MANAGER_ALERT_SINK_CONFIG_SCRIPT
// names a resolver (the reference's override), by running it; route.ts decides from either.
import type * as E from 'fp-ts/lib/Either.js';
import type { AlertSinkConfig, ConfigProblem } from './config.js';
import type { Escalation } from './escalation.js';
import { CONFIG_ENV, configPathOf, isSetIn, loadConfig } from './load-config.js';
import type { Env, ReadDoc, RunCommand } from './ports.js';
import { resolverArgs, routeFromResolver, routeIn, type Routed } from './route.js';

export type Router = (e: Escalation) => Promise<Routed>;

const RESOLVER_ENV = 'OPS_MANAGER_ALERT_SINK_CONFIG_SCRIPT';

/** Routes over the catalog loaded once for the run (a catalog problem fails every row's routing). */
export const inProcessRouter =
  (loaded: E.Either<ConfigProblem, AlertSinkConfig>, sourceFile: string, env: Env): Router =>
  async (e) =>
    routeIn({ loaded, sourceFile, isSet: isSetIn(env) }, e);

/** Routes by running an external resolver with the reference's arguments. */
export const scriptRouter =
  (script: string, configFile: string | null, run: RunCommand): Router =>
  async (e) => {
    const { code, out } = await run(script, resolverArgs(configFile, e));
    return routeFromResolver(code, out);
  };

/** What choosing a pass's router needs: the env, the catalog reader, the resolver runner, the shipped catalog. */
export interface RouterPorts {
  readonly env: Env;
  readonly readDoc: ReadDoc;
  readonly run: RunCommand;
  readonly shippedConfig: () => string;
}

/** The router of a pass: the operator's resolver script when one is named, else the catalog, loaded once. */
export const routerOf = (alertConfigFile: string | undefined, ports: RouterPorts): Router => {
  const { env } = ports;
  const script = env[RESOLVER_ENV];
  const explicit = alertConfigFile ?? env[CONFIG_ENV];
  if (script !== undefined && script !== '')
    return scriptRouter(script, explicit === undefined || explicit === '' ? null : explicit, ports.run);
  const sourceFile = configPathOf(alertConfigFile, env, ports.shippedConfig);
  let loaded: ReturnType<typeof loadConfig> | null = null;
  const inner = async () =>
    inProcessRouter(await (loaded ??= loadConfig(ports.readDoc, sourceFile)), sourceFile, env);
  return async (e) => (await inner())(e);
};
