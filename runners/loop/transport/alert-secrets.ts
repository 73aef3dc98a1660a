// The env vars that hold alert sink secrets (webhook URLs and tokens, Slack URLs, PagerDuty routing
// keys): those the shipped catalog names and those the operator's catalog (OPS_MANAGER_ALERT_SINKS_FILE)
// names. A superloop CLI run for a control intent needs none of them, so they are never handed on.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CONFIG_ENV, SHIPPED_CONFIG } from '../../../lib/alerts/load-config.js';
import { packageRoot } from '../../../lib/io/package-root.js';

// The sink fields that name a secret env var. Read leniently: a catalog dispatch would refuse (a bad
// severity, say) still names secrets that must not be handed on.
const SECRET_FIELDS = ['urlEnv', 'authTokenEnv', 'webhookUrlEnv', 'routingKeyEnv'];

const refsOfSink = (sink: unknown): string[] =>
  sink !== null && typeof sink === 'object'
    ? SECRET_FIELDS.map((f) => (sink as Record<string, unknown>)[f]).filter(
        (v): v is string => typeof v === 'string',
      )
    : [];

/** The secret env refs of the catalog at `file`; none when it is absent or not JSON. */
const refsIn = (file: string): string[] => {
  try {
    const doc = JSON.parse(readFileSync(file, 'utf8')) as { sinks?: unknown } | null;
    const sinks = doc?.sinks;
    return sinks !== null && typeof sinks === 'object' ? Object.values(sinks).flatMap(refsOfSink) : [];
  } catch {
    return [];
  }
};

/** Every alert secret env var name the shipped catalog or the configured one refers to. */
export const alertSecretVars = (env: NodeJS.ProcessEnv): string[] => {
  const configured = env[CONFIG_ENV];
  return [
    ...refsIn(join(packageRoot(), ...SHIPPED_CONFIG)),
    ...(configured === undefined || configured === '' ? [] : refsIn(configured)),
  ];
};
