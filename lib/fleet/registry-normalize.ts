// Validation and normalization of `.superloop/ops-manager/fleet/registry.v1.json`, as the reference's
// registry script does it, minus its defaulting bug: a value defaults only when null or absent, so
// `enabled: false` on a loop and `autoPause.enabled: false` are honoured.
// Law: normalizeRegistry never throws; every registry either normalizes or yields error lines.
import * as E from 'fp-ts/lib/Either.js';
import { at, boolOr, compact, isObject, numOr, orElse, strOrNull, strings } from './json.js';
import { declaredLoopIds, loopErrors, when } from './registry-check-loops.js';
import { policyErrors } from './registry-check-policy.js';
import { reviewWindowDays } from './registry-check-governance.js';
import {
  DEFAULT_SALT,
  type FleetLoop,
  type FleetPolicy,
  type Governance,
  type NormalizedRegistry,
} from './registry-types.js';
import type { PolicyMode } from './vocabulary.js';

export interface RegistryCheck {
  /** The instant `reviewBy` must lie after (guarded_auto). */
  readonly asOfMs: number;
  /** Skip the "reviewBy in the future" rule (read-only status keeps reporting an expired review). */
  readonly ignoreReviewExpiry?: boolean;
}

/** Pure: the reference's error lines for a parsed registry document (empty when valid). */
export const registryErrors = (raw: unknown, check: RegistryCheck): string[] => {
  if (!isObject(raw)) return ['registry must be a JSON object'];
  const asOf = check.ignoreReviewExpiry === true ? Number.NEGATIVE_INFINITY : check.asOfMs;
  return [
    ...when((raw['schemaVersion'] ?? '') !== 'v1', 'schemaVersion must be "v1"'),
    ...when(typeof orElse(raw['fleetId'], 'default') !== 'string', 'fleetId must be a string when present'),
    ...loopErrors(raw['loops']),
    ...policyErrors(raw['policy'], declaredLoopIds(raw['loops']), asOf),
  ];
};

const loopOf = (e: unknown): FleetLoop => {
  const serviceBase = strOrNull(at(e, 'service', 'baseUrl'));
  const spriteBase = strOrNull(at(e, 'sprite', 'serviceBaseUrl'));
  return {
    loopId: String(at(e, 'loopId')),
    enabled: boolOr(at(e, 'enabled'), true),
    transport: at(e, 'transport') === 'sprite_service' ? 'sprite_service' : 'local',
    sprite: compact({
      id: strOrNull(at(e, 'sprite', 'id')),
      assignment: orElse(at(e, 'sprite', 'assignment'), null),
      serviceBaseUrl: spriteBase ?? serviceBase,
    }),
    service: compact({
      baseUrl: serviceBase ?? spriteBase ?? undefined,
      tokenEnv: strOrNull(at(e, 'service', 'tokenEnv')) ?? undefined,
      retryAttempts: numOr(at(e, 'service', 'retryAttempts'), 3),
      retryBackoffSeconds: numOr(at(e, 'service', 'retryBackoffSeconds'), 1),
    }),
    metadata: isObject(at(e, 'metadata')) ? (at(e, 'metadata') as Record<string, unknown>) : {},
  };
};

const governanceOf = (g: unknown): Governance => {
  const base = {
    actor: strOrNull(at(g, 'actor')),
    approvalRef: strOrNull(at(g, 'approvalRef')),
    rationale: strOrNull(at(g, 'rationale')),
    changedAt: strOrNull(at(g, 'changedAt')),
    reviewBy: strOrNull(at(g, 'reviewBy')),
  };
  return compact({
    ...base,
    reviewWindowDays: reviewWindowDays(base.changedAt, base.reviewBy),
  }) as Governance;
};

const listOr = (v: unknown, fallback: readonly string[]): string[] =>
  Array.isArray(v) ? strings(v) : [...fallback];

const rolloutOf = (r: unknown) => ({
  canaryPercent: numOr(at(r, 'canaryPercent'), 100),
  scope: { loopIds: listOr(at(r, 'scope', 'loopIds'), []) },
  selector: { salt: strOrNull(at(r, 'selector', 'salt')) ?? DEFAULT_SALT },
  pause: { manual: boolOr(at(r, 'pause', 'manual'), false) },
  autoPause: {
    enabled: boolOr(at(r, 'autoPause', 'enabled'), true),
    lookbackExecutions: numOr(at(r, 'autoPause', 'lookbackExecutions'), 5),
    minSampleSize: numOr(at(r, 'autoPause', 'minSampleSize'), 3),
    ambiguityRateThreshold: numOr(at(r, 'autoPause', 'ambiguityRateThreshold'), 0.4),
    failureRateThreshold: numOr(at(r, 'autoPause', 'failureRateThreshold'), 0.4),
  },
});

const policyOf = (p: unknown): FleetPolicy => {
  const mode = (at(p, 'mode') ?? 'advisory') as PolicyMode;
  const a = at(p, 'autonomous');
  const suppressions = isObject(at(p, 'suppressions'))
    ? (at(p, 'suppressions') as Record<string, string[]>)
    : {};
  return {
    mode,
    suppressions,
    noiseControls: { dedupeWindowSeconds: numOr(at(p, 'noiseControls', 'dedupeWindowSeconds'), 300) },
    autonomous: {
      enabled: mode === 'guarded_auto',
      allow: {
        categories: listOr(at(a, 'allow', 'categories'), ['reconcile_failed', 'health_critical']),
        intents: listOr(at(a, 'allow', 'intents'), ['cancel']),
      },
      thresholds: {
        minSeverity: strOrNull(at(a, 'thresholds', 'minSeverity')) ?? 'critical',
        minConfidence: strOrNull(at(a, 'thresholds', 'minConfidence')) ?? 'high',
      },
      safety: {
        maxActionsPerRun: numOr(at(a, 'safety', 'maxActionsPerRun'), 1),
        maxActionsPerLoop: numOr(at(a, 'safety', 'maxActionsPerLoop'), 1),
        cooldownSeconds: numOr(at(a, 'safety', 'cooldownSeconds'), 300),
        killSwitch: boolOr(at(a, 'safety', 'killSwitch'), false),
      },
      governance: governanceOf(at(a, 'governance')),
      rollout: rolloutOf(at(a, 'rollout')),
    },
  };
};

/**
 * Pure: the normalized registry, or the error lines. `loopFilter` keeps one loop (an unknown id is
 * an error: `loop not found in registry: <id>`).
 */
export const normalizeRegistry = (
  raw: unknown,
  sourceFile: string,
  check: RegistryCheck,
  loopFilter: string | null = null,
): E.Either<{ readonly invalid: readonly string[] } | { readonly notFound: string }, NormalizedRegistry> => {
  const errors = registryErrors(raw, check);
  if (errors.length > 0) return E.left({ invalid: errors });
  const all = (at(raw, 'loops') as unknown[]).map(loopOf);
  const loops = loopFilter === null ? all : all.filter((l) => l.loopId === loopFilter);
  if (loopFilter !== null && loops.length === 0) return E.left({ notFound: loopFilter });
  return E.right({
    schemaVersion: 'v1',
    sourceFile,
    fleetId: orElse(at(raw, 'fleetId'), 'default') as string,
    loops,
    loopCount: loops.length,
    policy: policyOf(at(raw, 'policy')),
  });
};
