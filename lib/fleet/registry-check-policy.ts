// Fail-closed checks of the registry's policy block: mode, noise controls, the autonomous allowlists,
// thresholds and safety rails, and the suppressions map, with the reference's messages.
import { isObject } from './json.js';
import { CATEGORIES, CONFIDENCES, INTENTS, MODES, SEVERITIES } from './vocabulary.js';
import {
  allowListWhenPresent,
  boolWhenPresent,
  enumWhenPresent,
  intWhenPresent,
  objOrEmpty,
  objectWhenPresent,
} from './registry-check-shapes.js';
import { governanceErrors } from './registry-check-governance.js';
import { rolloutErrors } from './registry-check-rollout.js';

const P = 'policy.autonomous';

const modeErrors = (policy: Record<string, unknown>): string[] => {
  const mode = policy['mode'] ?? 'advisory';
  return (MODES as readonly unknown[]).includes(mode) ? [] : ['policy.mode must be advisory or guarded_auto'];
};

const noiseErrors = (policy: Record<string, unknown>): string[] => {
  const noise = policy['noiseControls'];
  const { dedupeWindowSeconds } = objOrEmpty(noise);
  return [
    ...objectWhenPresent(noise, 'policy.noiseControls'),
    ...intWhenPresent(dedupeWindowSeconds, 'policy.noiseControls.dedupeWindowSeconds', 0),
  ];
};

const allowErrors = (auto: Record<string, unknown>): string[] => {
  const allow = auto['allow'];
  const { categories, intents } = objOrEmpty(allow);
  return [
    ...objectWhenPresent(allow, `${P}.allow`),
    ...allowListWhenPresent(categories, `${P}.allow.categories`, CATEGORIES, 'categories'),
    ...allowListWhenPresent(intents, `${P}.allow.intents`, INTENTS, 'intents'),
  ];
};

const thresholdErrors = (auto: Record<string, unknown>): string[] => {
  const th = auto['thresholds'];
  const { minSeverity, minConfidence } = objOrEmpty(th);
  return [
    ...objectWhenPresent(th, `${P}.thresholds`),
    ...enumWhenPresent(minSeverity, `${P}.thresholds.minSeverity`, SEVERITIES),
    ...enumWhenPresent(minConfidence, `${P}.thresholds.minConfidence`, CONFIDENCES),
  ];
};

const safetyErrors = (auto: Record<string, unknown>): string[] => {
  const s = auto['safety'];
  const { maxActionsPerRun, maxActionsPerLoop, cooldownSeconds, killSwitch } = objOrEmpty(s);
  return [
    ...objectWhenPresent(s, `${P}.safety`),
    ...intWhenPresent(maxActionsPerRun, `${P}.safety.maxActionsPerRun`, 0),
    ...intWhenPresent(maxActionsPerLoop, `${P}.safety.maxActionsPerLoop`, 0),
    ...intWhenPresent(cooldownSeconds, `${P}.safety.cooldownSeconds`, 0),
    ...boolWhenPresent(killSwitch, `${P}.safety.killSwitch`),
  ];
};

const suppressionEntryError = (key: string, value: unknown, declared: readonly string[]): string | null => {
  const name = `policy.suppressions.${key}`;
  if (key !== '*' && !declared.includes(key)) return `${name} key must reference a declared loopId or *`;
  if (!Array.isArray(value)) return `${name} must be an array`;
  if (!value.every((x) => typeof x === 'string')) return `${name} entries must be strings`;
  const known = CATEGORIES as readonly string[];
  return value.every((x) => known.includes(x as string)) ? null : `${name} contains unknown categories`;
};

const suppressionErrors = (policy: Record<string, unknown>, declared: readonly string[]): string[] => {
  const s = policy['suppressions'] ?? {};
  if (!isObject(s)) return ['policy.suppressions must be an object mapping loopId to category arrays'];
  return Object.entries(s).flatMap(([k, v]) => {
    const e = suppressionEntryError(k, v, declared);
    return e === null ? [] : [e];
  });
};

/** Pure: every error of `registry.policy` (declared loop ids and asOf feed the cross-checks). */
export const policyErrors = (policy: unknown, declared: readonly string[], asOfMs: number): string[] => {
  if (policy !== null && policy !== undefined && !isObject(policy))
    return ['policy must be an object when present'];
  const p = objOrEmpty(policy);
  const auto = p['autonomous'];
  const a = objOrEmpty(auto);
  const guarded = (p['mode'] ?? 'advisory') === 'guarded_auto';
  return [
    ...modeErrors(p),
    ...noiseErrors(p),
    ...objectWhenPresent(auto, P),
    ...allowErrors(a),
    ...thresholdErrors(a),
    ...safetyErrors(a),
    ...governanceErrors(a['governance'], guarded, asOfMs),
    ...rolloutErrors(a['rollout'], declared),
    ...suppressionErrors(p, declared),
  ];
};
