// Where promotion reads and writes: the reference's layout under <repo>/.superloop/ops-manager/fleet/,
// with the flag that names each file instead (null: the fleet's own file, never overridden here).
// Each location keeps the text the operator gave (printed in `source` and in the CI summary, as the
// reference prints it) beside the absolute path that is read or written.
import { stableJson } from '../core/stable-json.js';
import type { Effect } from '../io/effects.js';
import type { PromotionDocument } from './promotion-decision.js';

export const PROMOTION_FILES = {
  registry: [null, 'registry.v1.json'],
  fleetState: [null, 'state.json'],
  policyState: [null, 'policy-state.json'],
  handoffState: [null, 'handoff-state.json'],
  policyTelemetry: ['policy-telemetry-file', 'telemetry/policy.jsonl'],
  handoffTelemetry: ['handoff-telemetry-file', 'telemetry/handoff.jsonl'],
  drillState: ['drill-state-file', 'drills/promotion.v1.json'],
  promotionState: ['promotion-state-file', 'promotion-state.json'],
  promotionTelemetry: ['promotion-telemetry-file', 'telemetry/promotion.jsonl'],
  ciSummary: ['summary-file', 'promotion-ci-summary.md'],
  ciResult: ['result-file', 'promotion-ci-result.json'],
} as const;

export interface Loc {
  /** As given on the command line, or the absolute default. */
  readonly shown: string;
  /** Absolute. */
  readonly file: string;
  /** Named by flag: read where it is, not confined to the repo. */
  readonly named: boolean;
}

export type PromotionPaths = Readonly<Record<keyof typeof PROMOTION_FILES, Loc>> & {
  readonly repo: string;
  /** A fleet status document named by --fleet-status-file (else derived from the state files). */
  readonly fleetStatus: Loc | null;
  /** The files named by flag. */
  readonly named: ReadonlySet<string>;
};

/** The `source` block of a promotion document: the repo and each file as the operator named it. */
export const promotionSource = (p: PromotionPaths, fleetStatusSource: 'generated' | 'file') => ({
  repoPath: p.repo,
  fleetStatusSource,
  fleetStatusFile: p.fleetStatus?.shown ?? null,
  handoffTelemetryFile: p.handoffTelemetry.shown,
  drillStateFile: p.drillState.shown,
  promotionStateFile: p.promotionState.shown,
  promotionTelemetryFile: p.promotionTelemetry.shown,
});

/** The files a CI summary points at, as the operator named them. */
export const ciFilesOf = (p: PromotionPaths) => ({
  resultFile: p.ciResult.shown,
  promotionStateFile: p.promotionState.shown,
  promotionTelemetryFile: p.promotionTelemetry.shown,
});

/**
 * Pure: the effects that record a promotion decision: the history row (keys in stable order) and the
 * latest state, so every decision the state file ever shows is also in the history.
 */
export const promotionEffects = (p: PromotionPaths, doc: PromotionDocument): Effect[] => [
  {
    kind: 'append',
    path: p.promotionTelemetry.file,
    records: [JSON.parse(stableJson(doc, false)) as unknown],
  },
  { kind: 'write', path: p.promotionState.file, value: doc },
];
