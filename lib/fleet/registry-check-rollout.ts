// The rollout block: canary percentage, scope (declared loop ids only), selector salt, the manual
// pause and the telemetry-driven auto-pause, with the reference's messages.
import {
  boolWhenPresent,
  intWhenPresent,
  objOrEmpty,
  objectWhenPresent,
  rateWhenPresent,
} from './registry-check-shapes.js';

const R = 'policy.autonomous.rollout';

const absent = (v: unknown): boolean => v === null || v === undefined;

const canaryErrors = (v: unknown): string[] =>
  absent(v) || (typeof v === 'number' && Number.isInteger(v) && v >= 0 && v <= 100)
    ? []
    : [`${R}.canaryPercent must be an integer between 0 and 100 when present`];

const scopeIdsError = (ids: unknown, declared: readonly string[]): string | null => {
  const name = `${R}.scope.loopIds`;
  if (absent(ids)) return null;
  if (!Array.isArray(ids)) return `${name} must be an array when present`;
  if (!ids.every((x) => typeof x === 'string')) return `${name} entries must be strings`;
  if (ids.some((x) => x === '')) return `${name} entries must be non-empty strings`;
  if (new Set(ids).size !== ids.length) return `${name} entries must be unique`;
  return ids.every((x) => declared.includes(x as string))
    ? null
    : `${name} entries must reference declared loopIds`;
};

const saltErrors = (salt: unknown): string[] => {
  if (absent(salt)) return [];
  if (typeof salt !== 'string') return [`${R}.selector.salt must be a string when present`];
  return salt.length === 0 ? [`${R}.selector.salt must be non-empty when present`] : [];
};

const autoPauseErrors = (ap: unknown): string[] => {
  const a = objOrEmpty(ap);
  return [
    ...objectWhenPresent(ap, `${R}.autoPause`),
    ...boolWhenPresent(a['enabled'], `${R}.autoPause.enabled`),
    ...intWhenPresent(a['lookbackExecutions'], `${R}.autoPause.lookbackExecutions`, 1),
    ...intWhenPresent(a['minSampleSize'], `${R}.autoPause.minSampleSize`, 1),
    ...rateWhenPresent(a['ambiguityRateThreshold'], `${R}.autoPause.ambiguityRateThreshold`),
    ...rateWhenPresent(a['failureRateThreshold'], `${R}.autoPause.failureRateThreshold`),
  ];
};

/** Pure: every error of `policy.autonomous.rollout`. */
export const rolloutErrors = (rollout: unknown, declared: readonly string[]): string[] => {
  const { canaryPercent, scope, selector, pause, autoPause } = objOrEmpty(rollout);
  const scopeError = scopeIdsError(objOrEmpty(scope)['loopIds'], declared);
  return [
    ...objectWhenPresent(rollout, R),
    ...canaryErrors(canaryPercent),
    ...objectWhenPresent(scope, `${R}.scope`),
    ...(scopeError === null ? [] : [scopeError]),
    ...objectWhenPresent(selector, `${R}.selector`),
    ...saltErrors(objOrEmpty(selector)['salt']),
    ...objectWhenPresent(pause, `${R}.pause`),
    ...boolWhenPresent(objOrEmpty(pause)['manual'], `${R}.pause.manual`),
    ...autoPauseErrors(autoPause),
  ];
};
