// The registry as normalization reads it, once it passed the fail-closed rules: a lenient view with
// the reference's defaults (a value defaults only when null, absent or of the wrong type, so an
// explicit `false` survives), decoded once so normalization works from typed fields.
import * as t from 'io-ts';
import { count, Defaulted, listOf, orElse, section, text, view } from './lenient.js';
import { DEFAULT_SALT } from './registry-types.js';
import { MODES } from './vocabulary.js';

/** The strings of an array (other entries dropped), or `fallback` when the value is not an array. */
const stringsOr = (fallback: readonly string[]) =>
  new Defaulted<readonly string[]>(
    'stringsOr',
    (u): u is readonly string[] => Array.isArray(u) && u.every((x) => typeof x === 'string'),
    (u) => t.success(Array.isArray(u) ? u.filter((x): x is string => typeof x === 'string') : fallback),
    (a) => a,
  );

const yes = orElse(t.boolean, true);
const no = orElse(t.boolean, false);
const Obj = orElse(t.UnknownRecord, {});

const LoopInput = view(
  {
    loopId: t.string,
    enabled: yes,
    transport: text,
    sprite: section({ id: text, assignment: t.unknown, serviceBaseUrl: text }, 'RegistrySprite'),
    service: section(
      { baseUrl: text, tokenEnv: text, retryAttempts: count(3), retryBackoffSeconds: count(1) },
      'RegistryService',
    ),
    metadata: Obj,
  },
  'RegistryLoop',
);

const GovernanceInput = section(
  { actor: text, approvalRef: text, rationale: text, changedAt: text, reviewBy: text },
  'RegistryGovernance',
);

const RolloutInput = section(
  {
    canaryPercent: count(100),
    scope: section({ loopIds: stringsOr([]) }, 'RegistryScope'),
    selector: section({ salt: orElse(t.string, DEFAULT_SALT) }, 'RegistrySelector'),
    pause: section({ manual: no }, 'RegistryPause'),
    autoPause: section(
      {
        enabled: yes,
        lookbackExecutions: count(5),
        minSampleSize: count(3),
        ambiguityRateThreshold: count(0.4),
        failureRateThreshold: count(0.4),
      },
      'RegistryAutoPause',
    ),
  },
  'RegistryRollout',
);

const AutonomousInput = section(
  {
    allow: section(
      {
        categories: stringsOr(['reconcile_failed', 'health_critical']),
        intents: stringsOr(['cancel']),
      },
      'RegistryAllow',
    ),
    thresholds: section(
      { minSeverity: orElse(t.string, 'critical'), minConfidence: orElse(t.string, 'high') },
      'RegistryThresholds',
    ),
    safety: section(
      {
        maxActionsPerRun: count(1),
        maxActionsPerLoop: count(1),
        cooldownSeconds: count(300),
        killSwitch: no,
      },
      'RegistrySafety',
    ),
    governance: GovernanceInput,
    rollout: RolloutInput,
  },
  'RegistryAutonomous',
);

const PolicyInput = section(
  {
    mode: orElse(t.keyof({ [MODES[0]]: null, [MODES[1]]: null }), 'advisory'),
    suppressions: orElse(t.record(t.string, t.array(t.string)), {}),
    noiseControls: section({ dedupeWindowSeconds: count(300) }, 'RegistryNoiseControls'),
    autonomous: AutonomousInput,
  },
  'RegistryPolicy',
);

/** A registry that passed the rules, read leniently with every default in place. */
export const RegistryInput = section(
  { fleetId: orElse(t.string, 'default'), loops: listOf(LoopInput), policy: PolicyInput },
  'RegistryInput',
);

export type LoopInput = Exclude<t.TypeOf<typeof LoopInput>, undefined>;
export type GovernanceInput = t.TypeOf<typeof GovernanceInput>;
export type RolloutInput = t.TypeOf<typeof RolloutInput>;
export type PolicyInput = t.TypeOf<typeof PolicyInput>;
