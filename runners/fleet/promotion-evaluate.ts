// The shared body of `fleet promotion-gates` and `fleet promotion-ci`: flags → evidence → decision →
// append promotion.jsonl → write promotion-state.json. The decision itself is lib/fleet (pure); this
// file only reads, writes and names things.
import { randomUUID } from 'node:crypto';
import * as E from 'fp-ts/lib/Either.js';
import { appendJsonl } from '../../lib/io/append.js';
import { writeJsonAtomic } from '../../lib/io/atomic.js';
import { stableJson } from '../../lib/core/stable-json.js';
import {
  decidePromotion,
  promotionDocument,
  type PromotionDocument,
} from '../../lib/fleet/promotion-decision.js';
import type { PromotionThresholds } from '../../lib/fleet/promotion-gates.js';
import {
  THRESHOLD_FLAGS,
  parsePromotionThresholds,
  type ThresholdFlag,
} from '../../lib/fleet/promotion-thresholds.js';
import { str, type Flag, type Io, type Values } from '../cli/command.js';
import { asOfFlag, asOfOf } from '../cli/clock.js';
import { usageError } from '../cli/errors.js';
import type { PromotionPaths } from './promotion-paths.js';
import {
  readAutopauseStreak,
  readDrillEvidence,
  readHandoffEvidence,
  readStatusFacts,
} from './promotion-read.js';

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

const traceIdOf = (v: Values, io: Io): string => {
  const given = str(v, 'trace-id');
  if (given !== undefined && given !== '') return given;
  const env = io.env['OPS_MANAGER_TRACE_ID'];
  return env !== undefined && env !== '' ? env : randomUUID();
};

/** Reads the evidence and decides; writes nothing. */
export const evaluatePromotion = async (
  v: Values,
  io: Io,
  p: PromotionPaths,
  t: PromotionThresholds,
): Promise<PromotionDocument> => {
  const asOf = asOfOf(v, io);
  const traceId = traceIdOf(v, io);
  const status = await readStatusFacts(p, asOf.ms);
  const evidence = {
    autonomous: status.facts,
    handoff: await readHandoffEvidence(p.handoffTelemetry, t.windowExecutions),
    drills: await readDrillEvidence(p.drillState),
    autopauseStreak: await readAutopauseStreak(p.policyTelemetry),
  };
  const evaluation = decidePromotion(evidence, t, asOf.iso);
  return promotionDocument(evaluation, t, {
    traceId,
    source: {
      repoPath: p.repo,
      fleetStatusSource: status.source,
      fleetStatusFile: p.fleetStatus?.shown ?? null,
      handoffTelemetryFile: p.handoffTelemetry.shown,
      drillStateFile: p.drillState.shown,
      promotionStateFile: p.promotionState.shown,
      promotionTelemetryFile: p.promotionTelemetry.shown,
    },
  });
};

/**
 * Records a decision: the history row first (append-only, under its lock), then the latest state
 * (atomic), so every decision the state file ever shows is also in the history.
 */
export const persistPromotion = async (p: PromotionPaths, doc: PromotionDocument): Promise<void> => {
  await appendJsonl(p.promotionTelemetry.file, [JSON.parse(stableJson(doc, false)) as unknown]);
  await writeJsonAtomic(p.promotionState.file, doc);
};
