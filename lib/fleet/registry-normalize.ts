// Validation and normalization of `.superloop/ops-manager/fleet/registry.v1.json`, as the reference's
// registry script does it, minus its defaulting bug: a value defaults only when null or absent, so
// `enabled: false` on a loop and `autoPause.enabled: false` are honoured.
// Law: normalizeRegistry never throws; every registry either normalizes or yields error lines.
import * as E from 'fp-ts/lib/Either.js';
import { compact, isObject, orElse } from './json.js';
import { decodeLenient } from './lenient.js';
import {
  RegistryInput,
  type GovernanceInput,
  type LoopInput,
  type PolicyInput,
  type RolloutInput,
} from './registry-input.js';
import { declaredLoopIds, loopErrors, when } from './registry-check-loops.js';
import { policyErrors } from './registry-check-policy.js';
import { reviewWindowDays } from './registry-check-governance.js';
import {
  type FleetLoop,
  type FleetPolicy,
  type Governance,
  type NormalizedRegistry,
} from './registry-types.js';

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

const loopOf = (e: LoopInput): FleetLoop => {
  const serviceBase = e.service.baseUrl;
  const spriteBase = e.sprite.serviceBaseUrl;
  return {
    loopId: e.loopId ?? '',
    enabled: e.enabled,
    transport: e.transport === 'sprite_service' ? 'sprite_service' : 'local',
    sprite: compact({
      id: e.sprite.id,
      assignment: e.sprite.assignment ?? null,
      serviceBaseUrl: spriteBase ?? serviceBase,
    }),
    service: compact({
      baseUrl: serviceBase ?? spriteBase ?? undefined,
      tokenEnv: e.service.tokenEnv ?? undefined,
      retryAttempts: e.service.retryAttempts,
      retryBackoffSeconds: e.service.retryBackoffSeconds,
    }),
    metadata: e.metadata,
  };
};

const governanceOf = (g: GovernanceInput): Governance =>
  compact({ ...g, reviewWindowDays: reviewWindowDays(g.changedAt, g.reviewBy) }) as Governance;

const rolloutOf = (r: RolloutInput) => ({
  canaryPercent: r.canaryPercent,
  scope: { loopIds: [...r.scope.loopIds] },
  selector: { salt: r.selector.salt },
  pause: { manual: r.pause.manual },
  autoPause: { ...r.autoPause },
});

const policyOf = (p: PolicyInput): FleetPolicy => {
  const a = p.autonomous;
  return {
    mode: p.mode,
    suppressions: p.suppressions,
    noiseControls: { dedupeWindowSeconds: p.noiseControls.dedupeWindowSeconds },
    autonomous: {
      enabled: p.mode === 'guarded_auto',
      allow: { categories: [...a.allow.categories], intents: [...a.allow.intents] },
      thresholds: { ...a.thresholds },
      safety: { ...a.safety },
      governance: governanceOf(a.governance),
      rollout: rolloutOf(a.rollout),
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
  const input = decodeLenient(RegistryInput, raw);
  const all = input.loops.map(loopOf);
  const loops = loopFilter === null ? all : all.filter((l) => l.loopId === loopFilter);
  if (loopFilter !== null && loops.length === 0) return E.left({ notFound: loopFilter });
  return E.right({
    schemaVersion: 'v1',
    sourceFile,
    fleetId: input.fleetId,
    loops,
    loopCount: loops.length,
    policy: policyOf(input.policy),
  });
};
