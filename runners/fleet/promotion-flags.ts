// The flags both promotion commands take (the reference's names) and the thresholds they give.
import * as E from 'fp-ts/lib/Either.js';
import type { PromotionThresholds } from '../../lib/fleet/promotion-gates.js';
import {
  THRESHOLD_FLAGS,
  parsePromotionThresholds,
  type ThresholdFlag,
} from '../../lib/fleet/promotion-thresholds.js';
import { str, type Flag, type Values } from '../cli/command.js';
import { asOfFlag } from '../cli/clock.js';
import { usageError } from '../cli/errors.js';

const file = (help: string): Flag => ({ type: 'string', arg: 'path', help });
const value = (arg: string, help: string): Flag => ({ type: 'string', arg, help });

/** The flags both promotion commands take (the reference's names). */
export const evaluationFlags = {
  repo: { type: 'string', arg: 'path', help: 'Repository root holding .superloop/ (required).' },
  'fleet-status-file': file('Precomputed fleet status JSON. Default: derived from the fleet state files.'),
  'handoff-telemetry-file': file('Fleet handoff telemetry JSONL. Default: fleet/telemetry/handoff.jsonl'),
  'drill-state-file': file('Promotion drill evidence JSON. Default: fleet/drills/promotion.v1.json'),
  'promotion-state-file': file('Promotion decision state output. Default: fleet/promotion-state.json'),
  'promotion-telemetry-file': file(
    'Promotion decision history (append-only). Default: fleet/telemetry/promotion.jsonl',
  ),
  'policy-telemetry-file': file(
    'Fleet policy telemetry JSONL (auto-pause streak). Default: fleet/telemetry/policy.jsonl',
  ),
  'window-executions': value('n', 'Most recent autonomous handoff executions to evaluate. Default: 20'),
  'min-sample-size': value('n', 'Minimum autonomous executions in the window. Default: 20'),
  'max-ambiguity-rate': value('0..1', 'Highest ambiguity rate that still promotes. Default: 0.2'),
  'max-failure-rate': value('0..1', 'Highest failure rate that still promotes. Default: 0.2'),
  'max-manual-backlog': value('n', 'Highest manual backlog that still promotes. Default: 5'),
  'max-drill-age-hours': value('n', 'Oldest drill evidence (hours) that still promotes. Default: 168'),
  'trace-id': value('id', 'Promotion trace id. Default: $OPS_MANAGER_TRACE_ID, else a generated id.'),
  'fail-on-hold': { type: 'boolean', help: 'Exit 2 when the decision is hold.' },
  'as-of': asOfFlag,
  pretty: { type: 'boolean', help: 'Pretty-print JSON output.' },
} as const satisfies Record<string, Flag>;

/** The evaluation flags the controller and the orchestrator forward to their stages as given. */
export const FORWARDED_EVALUATION_FLAGS = [
  'fleet-status-file',
  'handoff-telemetry-file',
  'drill-state-file',
  'window-executions',
  'min-sample-size',
  'max-ambiguity-rate',
  'max-failure-rate',
  'max-manual-backlog',
  'max-drill-age-hours',
] as const satisfies readonly (keyof typeof evaluationFlags)[];

/** Thresholds from the flags, or a usage error with the reference's wording. */
export const thresholdsOf = (v: Values): PromotionThresholds => {
  const given: Partial<Record<ThresholdFlag, string>> = {};
  for (const flag of Object.keys(THRESHOLD_FLAGS) as ThresholdFlag[]) {
    const raw = str(v, flag);
    if (raw !== undefined) given[flag] = raw;
  }
  const parsed = parsePromotionThresholds(given);
  if (E.isLeft(parsed)) throw usageError(parsed.left);
  return parsed.right;
};
