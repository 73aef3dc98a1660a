// The inputs of `opsfold loop health`: where each input document is (its flag, else the loop's
// manager file), the reconcile ingest status it is told, and the thresholds it grades against.
import * as E from 'fp-ts/lib/Either.js';
import { join } from 'node:path';
import type { HealthThresholds } from '../../lib/loop/health.js';
import { BUILTIN_INGEST_THRESHOLDS, INGEST_KEYS, checkIngestThresholds } from '../../lib/loop/thresholds.js';
import { str, type Io, type Values } from '../cli/command.js';
import { usageError } from '../cli/errors.js';
import { loopPaths } from '../cli/loop-paths.js';
import { requireKnownLoop } from '../cli/known-loop.js';
import { optional } from './observability/inputs.js';
import {
  explicitIngestThresholds,
  heartbeatThresholdsFromFlags,
  thresholdFailure,
  thresholdsFromFlags,
} from './observability/thresholds-flags.js';

/** Each input file's flag and its default under .superloop/ops-manager/<loop>/ (with --repo/--loop). */
const INPUTS = {
  'state-file': 'state.json',
  'transport-health-file': join('telemetry', 'transport-health.json'),
  'intents-file': 'intents.jsonl',
  'heartbeat-state-file': 'heartbeat.json',
  'sequence-state-file': 'sequence-state.json',
} as const;

/** An input file: its flag, else its default under the loop's manager dir, else none. */
export const inputPath = (
  v: Values,
  io: Io,
  flag: keyof typeof INPUTS | 'drift-state-file',
): string | null => {
  const given = optional(v, flag);
  if (given !== null || flag === 'drift-state-file') return given;
  const loop = optional(v, 'loop');
  if (loop === null) return null;
  const p = loopPaths(io.cwd, optional(v, 'repo') ?? undefined, loop);
  requireKnownLoop(p);
  return join(p.managerDir, INPUTS[flag]);
};

export const ingestStatusOf = (v: Values): 'success' | 'failed' => {
  const s = str(v, 'ingest-status') ?? 'success';
  if (s !== 'success' && s !== 'failed') throw usageError('--ingest-status must be success or failed');
  return s;
};

/**
 * The reference health step takes thresholds from flags over built-in balanced values and treats
 * the profile as a label; opsfold resolves a named profile (or a named catalog) from the catalog.
 */
export const thresholdsOf = async (v: Values, io: Io): Promise<HealthThresholds> => {
  const heartbeat = heartbeatThresholdsFromFlags(v);
  if (optional(v, 'threshold-profile') !== null || optional(v, 'thresholds-file') !== null) {
    return { ...(await thresholdsFromFlags(v, io, { useEnvProfile: false })), ...heartbeat };
  }
  const explicit = explicitIngestThresholds(v);
  const raw = Object.fromEntries(
    INGEST_KEYS.map((k) => [k, explicit[k] ?? String(BUILTIN_INGEST_THRESHOLDS[k])]),
  );
  const ingest = checkIngestThresholds(raw as Record<(typeof INGEST_KEYS)[number], string>);
  if (E.isLeft(ingest)) throw thresholdFailure(ingest.left);
  return { profile: null, ...ingest.right, ...heartbeat };
};
