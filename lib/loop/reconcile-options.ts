// The drift gating and the alert switch of `loop reconcile`, checked with the reference's messages.
// Pure: each setting comes in as text (flag, else its environment variable, else undefined).
import * as E from 'fp-ts/lib/Either.js';
import { confidenceLevel, type ConfidenceLevel } from './profile-drift.js';

export interface DriftGating {
  readonly minConfidence: ConfidenceLevel;
  readonly requiredStreak: number;
  readonly summaryWindow: number;
}

export interface AlertSwitch {
  readonly enabled: boolean;
  readonly configFile: string | null;
}

/** A whole number of at least `min`, or null. */
export const wholeAtLeast = (raw: string, min: number): number | null =>
  /^[0-9]+$/.test(raw) && Number(raw) >= min ? Number(raw) : null;

export const driftGatingOf = (raw: {
  readonly minConfidence: string | undefined;
  readonly requiredStreak: string | undefined;
  readonly summaryWindow: string | undefined;
}): E.Either<string, DriftGating> => {
  const minConfidence = confidenceLevel(raw.minConfidence ?? 'medium');
  if (minConfidence === null) return E.left('--drift-min-confidence must be one of: low, medium, high');
  const requiredStreak = wholeAtLeast(raw.requiredStreak ?? '3', 1);
  if (requiredStreak === null) return E.left('--drift-required-streak must be an integer >= 1');
  const summaryWindow = wholeAtLeast(raw.summaryWindow ?? '200', 1);
  if (summaryWindow === null) return E.left('--drift-summary-window must be an integer >= 1');
  return E.right({ minConfidence, requiredStreak, summaryWindow });
};

export const alertSwitchOf = (raw: {
  readonly enabled: string | undefined;
  readonly configFile: string | undefined;
}): E.Either<string, AlertSwitch> => {
  const enabled = raw.enabled ?? 'true';
  if (enabled !== 'true' && enabled !== 'false') return E.left('--alerts-enabled must be true or false');
  return E.right({ enabled: enabled === 'true', configFile: raw.configFile ?? null });
};
